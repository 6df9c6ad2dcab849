using Mesh.Contracts.RateLimiting;

namespace Mesh.Silo.RateLimiting;

/// <summary>
/// A token bucket shared by leases. It starts full at <c>burst</c>, refills at <c>permitsPerSecond</c>,
/// and grants each proxy what it asks for while there is room; when there is not, no proxy gets less than
/// an even share, and what the others recently asked for is kept for them.
/// </summary>
internal sealed class TokenBucket(DateTimeOffset now)
{
    public static readonly TimeSpan LeaseDuration = TimeSpan.FromSeconds(1);

    private readonly Dictionary<string, (int Granted, int Wanted, DateTimeOffset ExpiresAt)> _leases = new(StringComparer.Ordinal);
    private RateLimitPolicySpec? _policy;
    private double _tokens;
    private DateTimeOffset _refilledAt = now;

    public long TotalGranted { get; private set; }

    public TokenLease Lease(LeaseRequest request, DateTimeOffset now)
    {
        Refill(request.Policy, now);
        _tokens = Math.Min(request.Policy.Burst, _tokens + Math.Max(0, request.Returned));
        foreach (var expired in _leases.Where(l => l.Value.ExpiresAt <= now).Select(l => l.Key).ToList())
        {
            _leases.Remove(expired);
        }

        var others = _leases.Where(l => l.Key != request.ProxyId).ToList();
        var evenShare = _tokens / (others.Count + 1);
        var leftForMe = _tokens - others.Sum(l => (double)l.Value.Wanted);
        var granted = (int)Math.Floor(Math.Min(Math.Max(0, request.Wanted), Math.Max(evenShare, leftForMe)));

        // An even share below one token would round to nothing and leave tokens unspent while proxies wait.
        granted = Math.Min(Math.Max(granted, request.Wanted > 0 ? 1 : 0), (int)Math.Floor(_tokens));

        _tokens -= granted;
        TotalGranted += granted;
        var expiresAt = now + LeaseDuration;
        _leases[request.ProxyId] = (granted, request.Wanted, expiresAt);
        return new TokenLease(granted, expiresAt, (int)Math.Floor(_tokens), NextToken(request.Policy));
    }

    public BucketStatus Status(RateLimitPolicySpec policy, DateTimeOffset now)
    {
        Refill(_policy ?? policy, now);
        return new BucketStatus(
            Math.Round(_tokens, 3),
            _policy!.Burst,
            _policy.PermitsPerSecond,
            TotalGranted,
            [.. _leases.Where(l => l.Value.ExpiresAt > now).Select(l => new OutstandingLease(l.Key, l.Value.Granted, l.Value.ExpiresAt)).OrderBy(l => l.ProxyId, StringComparer.Ordinal)]);
    }

    private void Refill(RateLimitPolicySpec policy, DateTimeOffset now)
    {
        if (_policy is null)
        {
            _tokens = policy.Burst;
        }
        else if (now > _refilledAt)
        {
            _tokens = Math.Min(policy.Burst, _tokens + ((now - _refilledAt).TotalSeconds * policy.PermitsPerSecond));
        }

        _tokens = Math.Min(_tokens, policy.Burst);
        _policy = policy;
        _refilledAt = now > _refilledAt ? now : _refilledAt;
    }

    private TimeSpan NextToken(RateLimitPolicySpec policy) =>
        _tokens >= 1 ? TimeSpan.Zero : TimeSpan.FromSeconds((1 - _tokens) / policy.PermitsPerSecond);
}
