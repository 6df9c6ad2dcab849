using System.Diagnostics;
using System.Diagnostics.Metrics;
using Mesh.Proxy.Catalog;
using Mesh.Contracts.Circuits;
using Mesh.Proxy.ControlPlane;
using Mesh.Proxy.Resilience;

namespace Mesh.Proxy.Telemetry;

/// <summary>The proxy's own meter: requests, latency and upstream errors by route and service, and its link to the control plane.</summary>
internal sealed class ProxyMetrics
{
    public const string MeterName = "Mesh.Proxy";

    /// <summary>From sub-millisecond local hops to slow upstreams, in seconds.</summary>
    private static readonly double[] LatencyBuckets = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];

    private readonly Counter<long> _requests;
    private readonly Histogram<double> _duration;
    private readonly Counter<long> _upstreamErrors;
    private readonly Counter<long> _retries;
    private readonly Counter<long> _clientFaults;
    private readonly Counter<long> _tlsRefused;
    private readonly Counter<long> _accessRefused;
    private readonly Counter<long> _faultsInjected;
    private readonly ConsumerLabels _consumers = new();

    public ProxyMetrics(IMeterFactory meters, SnapshotApplier applier, ControlPlaneStatus controlPlane, CircuitStates circuits)
    {
        var meter = meters.Create(MeterName);
        _requests = meter.CreateCounter<long>("mesh.proxy.requests", description: "Requests answered, by route, service and status code");
        _duration = meter.CreateHistogram<double>(
            "mesh.proxy.request.duration",
            unit: "s",
            description: "Time to answer a request, retries included",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = LatencyBuckets });
        _upstreamErrors = meter.CreateCounter<long>("mesh.proxy.upstream.errors", description: "Failed upstream attempts, by route, service and kind");
        _retries = meter.CreateCounter<long>("mesh.proxy.retries", description: "Upstream attempts after the first, by service");
        _clientFaults = meter.CreateCounter<long>(
            "mesh.proxy.client.faults",
            description: "Requests ended by the client (went away, body too large, too slow or unreadable), by route, service and kind; never counted against the service");
        _tlsRefused = meter.CreateCounter<long>(
            "mesh.proxy.tls.handshakes.refused",
            description: "TLS handshakes an edge refused before any request, by reason (no_certificate: no certificate covers the name asked for and there is no default)");
        _accessRefused = meter.CreateCounter<long>(
            "mesh.proxy.access.refused",
            description: "Requests an edge refused before any upstream, by route and reason (missing_credentials, invalid_credentials: 401; forbidden: 403)");
        _faultsInjected = meter.CreateCounter<long>(
            "mesh.proxy.faults.injected",
            description: "Faults a route injected, by route and kind (abort, delay); they never reach or count against an upstream");
        meter.CreateObservableGauge("mesh.proxy.applied.version", () => applier.AppliedVersion, description: "Catalog version this proxy serves");
        meter.CreateObservableGauge("mesh.proxy.control_plane.connected", () => controlPlane.IsConnected ? 1 : 0, description: "1 while the control plane answers");
        meter.CreateObservableGauge(
            "mesh.proxy.circuit.state",
            () => circuits.Known.Select(c => new Measurement<int>(c.State == CircuitState.Closed ? 0 : c.State == CircuitState.HalfOpen ? 1 : 2, new KeyValuePair<string, object?>("service", c.Service))),
            description: "Mesh-wide circuit per service as this proxy knows it: 0 closed, 1 half-open, 2 open");
        meter.CreateObservableGauge("mesh.proxy.circuit.local_vetoes", () => circuits.LocalVetoes, description: "Services this proxy sheds on its own failures while the control plane is unreachable");
    }

    public void Answered(string route, string service, int status, TimeSpan elapsed, string? consumer)
    {
        var tags = new TagList { { "route", route }, { "service", service }, { "status_code", status }, { "consumer", _consumers.For(consumer) } };
        _requests.Add(1, tags);
        _duration.Record(elapsed.TotalSeconds, new TagList { { "route", route } });
    }

    public void UpstreamError(string route, string service, string kind) =>
        _upstreamErrors.Add(1, new TagList { { "route", route }, { "service", service }, { "kind", kind } });

    public void AccessRefused(string route, string reason) => _accessRefused.Add(1, new TagList { { "route", route }, { "reason", reason } });

    public void FaultInjected(string route, string kind) => _faultsInjected.Add(1, new TagList { { "route", route }, { "kind", kind } });

    public void TlsRefused(string reason) => _tlsRefused.Add(1, new TagList { { "reason", reason } });

    public void ClientFault(string route, string service, string kind) =>
        _clientFaults.Add(1, new TagList { { "route", route }, { "service", service }, { "kind", kind } });

    public void Retried(string service) => _retries.Add(1, new TagList { { "service", service } });
}
