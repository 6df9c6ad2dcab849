using Mesh.Contracts;
using Mesh.Contracts.Catalog;
using Mesh.Contracts.Circuits;
using Mesh.Contracts.Services;
using Mesh.Silo.Hosting;
using Mesh.Silo.Telemetry;
using Orleans.Utilities;

namespace Mesh.Silo.Circuits;

/// <summary>
/// One service's circuit for the whole mesh. Closed: outcomes from every proxy fill one window, and the
/// circuit opens when the failure ratio exceeds the spec with enough requests. Open: after
/// <c>breakDuration</c> it goes half-open and grants exactly <c>halfOpenProbes</c> probe requests in total;
/// all of them succeeding closes it, any failing re-opens it, and so do probes still unanswered
/// <c>breakDuration</c> after the first was granted. Without traffic it stays half-open: there is nothing to learn
/// from opening again. The state is soft: a reactivated circuit is
/// closed, with its settings read back from the service.
/// </summary>
internal sealed partial class CircuitBreakerGrain(
    [FromKeyedServices(MeshTime.Key)] TimeProvider time,
    SiloMetrics metrics,
    ILogger<CircuitBreakerGrain> logger) : Grain, ICircuitBreakerGrain
{
    private static readonly TimeSpan ObserverLifetime = TimeSpan.FromMinutes(1);

    private readonly ObserverManager<ICircuitObserver> _observers = new(ObserverLifetime, logger);
    private CircuitBreakerSpec _spec = CircuitBreakerSpec.Default;
    private OutcomeWindow _window = new(CircuitBreakerSpec.Default.Window);
    private CircuitState _state = CircuitState.Closed;
    private DateTimeOffset _since;
    private DateTimeOffset? _openedAt;
    private int _probesGranted;
    private int _probesPassed;
    private DateTimeOffset? _firstProbeAt;
    private IGrainTimer? _halfOpenTimer;

    private string Service => this.GetPrimaryKeyString();

    public override async Task OnActivateAsync(CancellationToken cancellationToken)
    {
        _since = time.GetUtcNow();
        if (await GrainFactory.GetGrain<ICatalogGrain>(GrainKeys.Catalog).GetServiceSpecAsync(Service) is { } service)
        {
            Apply(service.CircuitBreaker);
        }
    }

    public Task<CircuitStatus> GetStatusAsync()
    {
        OpenHalfIfDue();
        return Task.FromResult(Status());
    }

    public Task ReportAsync(int successes, int failures)
    {
        OpenHalfIfDue();
        if (_state != CircuitState.Closed)
        {
            return Task.CompletedTask;
        }

        var now = time.GetUtcNow();
        _window.Add(now, successes, failures);
        if (_window.ShouldOpen(now, _spec))
        {
            Open(now);
        }

        return Task.CompletedTask;
    }

    public Task<bool> TryAcquireProbeAsync()
    {
        OpenHalfIfDue();
        if (_state != CircuitState.HalfOpen || _probesGranted >= _spec.HalfOpenProbes)
        {
            return Task.FromResult(false);
        }

        _probesGranted++;
        _firstProbeAt ??= time.GetUtcNow();
        return Task.FromResult(true);
    }

    public Task ReportProbeAsync(bool succeeded)
    {
        if (_state != CircuitState.HalfOpen)
        {
            return Task.CompletedTask;
        }

        if (!succeeded)
        {
            Open(time.GetUtcNow());
        }
        else if (++_probesPassed >= _spec.HalfOpenProbes)
        {
            Close();
        }

        return Task.CompletedTask;
    }

    public Task ReleaseProbeAsync()
    {
        if (_state == CircuitState.HalfOpen && _probesGranted > _probesPassed)
        {
            _probesGranted--;
        }

        return Task.CompletedTask;
    }

    public Task<CircuitStatus> ResetAsync()
    {
        Close();
        return Task.FromResult(Status());
    }

    public Task ConfigureAsync(CircuitBreakerSpec spec)
    {
        Apply(spec);
        return Task.CompletedTask;
    }

    public Task SubscribeAsync(ICircuitObserver observer)
    {
        _observers.Subscribe(observer, observer);
        return observer.OnCircuitChangedAsync(Status());
    }

    public Task UnsubscribeAsync(ICircuitObserver observer)
    {
        _observers.Unsubscribe(observer);
        return Task.CompletedTask;
    }

    private void Apply(CircuitBreakerSpec spec)
    {
        if (spec.Window != _spec.Window)
        {
            _window = new OutcomeWindow(spec.Window);
        }

        _spec = spec;
    }

    /// <summary>
    /// An open circuit whose break is over goes half-open; a half-open one whose probes did not all answer within a
    /// break of the first grant (a lost report, a hung request) opens again. The clock starts at the first grant, not
    /// at half-open, so probes granted late in the period still have a whole break to answer.
    /// </summary>
    private void OpenHalfIfDue()
    {
        var now = time.GetUtcNow();
        if (_state == CircuitState.Open && now >= _since + _spec.BreakDuration)
        {
            Transition(CircuitState.HalfOpen, now);
        }
        else if (_state == CircuitState.HalfOpen && _probesGranted > _probesPassed && _firstProbeAt is { } first && now >= first + _spec.BreakDuration)
        {
            Open(now);
        }
    }

    private void Open(DateTimeOffset now)
    {
        _openedAt = now;
        Transition(CircuitState.Open, now);

        // Real time wakes the grain to announce half-open; the clock check above decides.
        _halfOpenTimer?.Dispose();
        _halfOpenTimer = this.RegisterGrainTimer(
            _ => { OpenHalfIfDue(); return Task.CompletedTask; },
            new GrainTimerCreationOptions(_spec.BreakDuration, _spec.BreakDuration / 4) { KeepAlive = true });
    }

    private void Close()
    {
        _openedAt = null;
        _window.Clear();
        _halfOpenTimer?.Dispose();
        _halfOpenTimer = null;
        Transition(CircuitState.Closed, time.GetUtcNow());
    }

    private void Transition(CircuitState state, DateTimeOffset now)
    {
        (_state, _since, _probesGranted, _probesPassed, _firstProbeAt) = (state, now, 0, 0, null);
        var status = Status();
        metrics.CircuitChanged(Service, state);
        LogTransition(Service, state, status.FailureRatio, status.Requests);
        _ = _observers.Notify(observer => observer.OnCircuitChangedAsync(status));
    }

    private CircuitStatus Status()
    {
        var (requests, failures) = _window.Totals(time.GetUtcNow());
        return new CircuitStatus(
            Service,
            _state,
            requests == 0 ? 0 : (double)failures / requests,
            requests,
            _openedAt,
            _since,
            _state == CircuitState.Open ? _since + _spec.BreakDuration : null);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Circuit of {Service} is now {State} (failure ratio {Ratio:P0} over {Requests} requests)")]
    private partial void LogTransition(string service, CircuitState state, double ratio, int requests);
}
