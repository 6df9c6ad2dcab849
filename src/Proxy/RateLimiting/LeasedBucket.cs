using Mesh.Contracts;
using Mesh.Contracts.RateLimiting;
using Mesh.Proxy.Catalog;

namespace Mesh.Proxy.RateLimiting;

/// <summary>
/// This proxy's share of one mesh-wide bucket: tokens leased from the bucket's grain, spent with one
/// interlocked decrement. A new lease, sized to recent demand, is fetched in the background before the
/// tokens run out; a request waits for the grain only when none are left. An empty bucket is remembered
/// until its next token, so a saturated key is refused locally instead of asking the grain per request.
/// </summary>
internal sealed class LeasedBucket(BucketId id, SnapshotApplier applier, IClusterClient client, string proxyId, TimeProvider time)
{
    /// <summary>How far ahead a lease should last at the current demand.</summary>
    private static readonly TimeSpan Horizon = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan GrainTimeout = TimeSpan.FromSeconds(1);
    private static readonly TimeSpan EmptyWait = TimeSpan.FromMilliseconds(50);

    /// <summary>After a failed lease the fail mode decides at once for this long, rather than each request waiting on the grain.</summary>
    private static readonly TimeSpan DegradedBackoff = TimeSpan.FromSeconds(1);

    /// <summary>Leases a waiting request may ask for before it is refused while the grain still grants tokens.</summary>
    private const int MaxRefillsPerWait = 3;

    private readonly Lock _gate = new();
    private readonly DemandMeter _demand = new(time);
    private int _tokens;
    private int _lastGranted;
    private long _expiresAtTicks;
    private long _emptyUntilTicks;
    private long _degradedUntilTicks;
    private int _waiting;
    private volatile bool _saturated;
    private Task? _refill;
    private RateLimitPolicySpec _policy = applier.Current.Snapshot.RateLimits.GetValueOrDefault(id.Policy) ?? new(1, 0, "global", FailMode.Closed);

    public BucketId Id { get; } = id;

    /// <summary>The policy in the snapshot being served, so a change applies with the next push.</summary>
    public RateLimitPolicySpec Policy => _policy = applier.Current.Snapshot.RateLimits.GetValueOrDefault(Id.Policy) ?? _policy;

    public int Available => Volatile.Read(ref _tokens);

    /// <summary>The grain's view at the last lease: tokens left mesh-wide and time to the next one.</summary>
    public (int Remaining, TimeSpan NextToken) LastSeen { get; private set; }

    /// <summary>True while the grain could not be reached, so the policy's fail mode decides.</summary>
    public bool Degraded { get; private set; }

    public DateTimeOffset LastUsed { get; private set; }

    /// <summary>The hot path: no I/O, no lock.</summary>
    public bool TryTake()
    {
        _demand.Record();
        LastUsed = time.GetUtcNow();
        if (!TryDecrement(out var left))
        {
            return false;
        }

        if (left <= _lastGranted / 2)
        {
            _ = RefillAsync();
        }

        return true;
    }

    /// <summary>Whether the local view already knows the bucket is empty.</summary>
    public bool KnownEmpty(out TimeSpan retryAfter)
    {
        var wait = Volatile.Read(ref _emptyUntilTicks) - time.GetUtcNow().UtcTicks;
        retryAfter = TimeSpan.FromTicks(Math.Max(0, wait));
        return wait > 0;
    }

    /// <summary>
    /// The slow path: waits for a lease, then takes a token; the fail mode decides when the grain is away.
    /// <c>Waited</c> says whether this request waited on the grain.
    /// </summary>
    public async Task<(bool Admitted, bool Waited)> TakeAfterLeaseAsync(CancellationToken cancellationToken)
    {
        if (KnownEmpty(out _))
        {
            return (false, false);
        }

        // A saturated bucket whose next lease is already on its way: one request waiting for it is enough.
        if (_saturated && _refill is { IsCompleted: false })
        {
            return (false, false);
        }

        if (time.GetUtcNow().UtcTicks < Volatile.Read(ref _degradedUntilTicks))
        {
            _ = RefillAsync();
            return (Policy.FailMode == FailMode.Open, false);
        }

        Interlocked.Increment(ref _waiting);
        try
        {
            // Requests waiting together share one lease; when it is too small for all of them, ask again
            // rather than refuse while the grain still has tokens. Only an empty bucket refuses.
            for (var refill = 0; refill < MaxRefillsPerWait; refill++)
            {
                await RefillAsync().WaitAsync(cancellationToken);
                if (TryDecrement(out _))
                {
                    return (true, true);
                }

                if (Degraded || KnownEmpty(out _))
                {
                    break;
                }
            }

            return (Degraded && Policy.FailMode == FailMode.Open, true);
        }
        finally
        {
            Interlocked.Decrement(ref _waiting);
        }
    }

    private bool TryDecrement(out int left)
    {
        while (true)
        {
            var tokens = Volatile.Read(ref _tokens);
            if (tokens <= 0)
            {
                left = 0;
                return false;
            }

            if (Interlocked.CompareExchange(ref _tokens, tokens - 1, tokens) == tokens)
            {
                left = tokens - 1;
                return true;
            }
        }
    }

    /// <summary>One lease request at a time; callers share the one in flight.</summary>
    private Task RefillAsync()
    {
        lock (_gate)
        {
            return _refill is { IsCompleted: false } running ? running : _refill = LeaseAsync();
        }
    }

    private async Task LeaseAsync()
    {
        var now = time.GetUtcNow();
        var returned = 0;
        if (now.UtcTicks >= Volatile.Read(ref _expiresAtTicks))
        {
            // An ended lease gives back what it did not use, so idle proxies do not strand tokens.
            returned = Math.Max(0, Interlocked.Exchange(ref _tokens, 0));
        }

        var wanted = Math.Max(Math.Max(1, Volatile.Read(ref _waiting)), (int)Math.Ceiling(_demand.PerSecond() * Horizon.TotalSeconds));
        var call = client.GetGrain<IRateLimitGrain>(GrainKeys.RateLimitBucket(Id.Policy, Id.Key))
            .LeaseAsync(new LeaseRequest(proxyId, wanted, returned, Policy));
        try
        {
            var lease = await call.WaitAsync(GrainTimeout);
            Keep(lease);
            _lastGranted = lease.Granted;
            LastSeen = (lease.Remaining, lease.NextToken);
            Degraded = false;
            _saturated = lease.Granted < wanted || lease.Remaining == 0;
            if (_saturated)
            {
                // The bucket cannot meet this proxy's demand (drained, or what is left is the others' share):
                // refuse locally for a while rather than ask the grain per request. Tokens that refill meanwhile
                // wait in the bucket, so admissions keep the policy's rate.
                var wait = lease.NextToken > EmptyWait ? lease.NextToken : EmptyWait;
                Volatile.Write(ref _emptyUntilTicks, (now + wait).UtcTicks);
            }
        }
        catch (Exception)
        {
            // Unreachable or slow control plane: keep what we hold and let the fail mode decide the rest.
            Volatile.Write(ref _degradedUntilTicks, (time.GetUtcNow() + DegradedBackoff).UtcTicks);
            Degraded = true;
            if (call.IsCompleted)
            {
                Interlocked.Add(ref _tokens, returned);
            }
            else
            {
                _ = SettleLateAsync(call, returned);
            }
        }
    }

    /// <summary>
    /// A lease we stopped waiting for still reaches the grain when a paused or overloaded silo catches up: the
    /// grain then counts its grant as this proxy's and takes back what it returned, so both are settled by the
    /// late answer, never dropped (stranded tokens) nor kept twice (over-admission).
    /// </summary>
    private async Task SettleLateAsync(Task<TokenLease> call, int returned)
    {
        try
        {
            Keep(await call);
        }
        catch (Exception)
        {
            Interlocked.Add(ref _tokens, returned);
        }
    }

    private void Keep(TokenLease lease)
    {
        Interlocked.Add(ref _tokens, lease.Granted);
        lock (_gate)
        {
            // A late grant can land after the lease that followed it: the later end stands.
            Volatile.Write(ref _expiresAtTicks, Math.Max(Volatile.Read(ref _expiresAtTicks), lease.ExpiresAt.UtcTicks));
        }
    }
}
