using Mesh.Contracts.RateLimiting;
using Mesh.Silo.RateLimiting;

namespace Mesh.Silo.Tests.RateLimiting;

/// <summary>The bucket's arithmetic with time given explicitly: refill, burst, lease return and fairness.</summary>
public sealed class TokenBucketTests
{
    private static readonly RateLimitPolicySpec Policy = new(10, 20, "global", FailMode.Open);
    private static readonly DateTimeOffset Start = DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture);

    private static LeaseRequest Ask(string proxy, int wanted, int returned = 0, RateLimitPolicySpec? policy = null) =>
        new(proxy, wanted, returned, policy ?? Policy);

    [Fact]
    public void Lease_StartsFullAtBurstAndNeverGrantsMoreThanItHolds()
    {
        var bucket = new TokenBucket(Start);

        var first = bucket.Lease(Ask("a", 15), Start);
        var second = bucket.Lease(Ask("a", 15), Start);

        Assert.Equal(15, first.Granted);
        Assert.Equal(5, second.Granted);
        Assert.Equal(0, second.Remaining);
        Assert.Equal(0, bucket.Lease(Ask("a", 1), Start).Granted);
    }

    [Fact]
    public void Lease_RefillsAtPermitsPerSecondUpToBurst()
    {
        var bucket = new TokenBucket(Start);
        bucket.Lease(Ask("a", 20), Start);

        var afterHalfSecond = bucket.Lease(Ask("a", 100), Start.AddMilliseconds(500));
        var afterAMinute = bucket.Lease(Ask("a", 100), Start.AddMinutes(1));

        Assert.Equal(5, afterHalfSecond.Granted);
        Assert.Equal(Policy.Burst, afterAMinute.Granted);
    }

    [Fact]
    public void Lease_OverManySecondsGrantsAtMostBurstPlusRateTimesSeconds()
    {
        var bucket = new TokenBucket(Start);
        var granted = 0;
        for (var ms = 0; ms <= 10_000; ms += 7)
        {
            granted += bucket.Lease(Ask(ms % 2 == 0 ? "a" : "b", 50), Start.AddMilliseconds(ms)).Granted;
        }

        Assert.InRange(granted, 100, Policy.Burst + (Policy.PermitsPerSecond * 10));
        Assert.Equal(granted, bucket.TotalGranted);
    }

    [Fact]
    public void Lease_TakesBackUnusedTokensButNeverAboveBurst()
    {
        var bucket = new TokenBucket(Start);
        bucket.Lease(Ask("a", 20), Start);

        var afterReturn = bucket.Lease(Ask("a", 0, returned: 8), Start);
        var overReturn = bucket.Lease(Ask("a", 0, returned: 500), Start);

        Assert.Equal(8, afterReturn.Remaining);
        Assert.Equal(Policy.Burst, overReturn.Remaining);
    }

    [Fact]
    public void Lease_WhenTokensAreShort_KeepsAnEvenShareForTheOtherProxy()
    {
        var bucket = new TokenBucket(Start);
        bucket.Lease(Ask("small", 2), Start);

        var big = bucket.Lease(Ask("big", 100), Start);
        var small = bucket.Lease(Ask("small", 2), Start.AddMilliseconds(100));

        // 18 left after the small proxy's first 2: the big one gets all but the 2 the small one asked for,
        // and 100 ms later the small one gets its even share (1 of the 3 tokens then in the bucket).
        Assert.Equal(16, big.Granted);
        Assert.Equal(1, small.Granted);
    }

    [Fact]
    public void Lease_WithUnequalDemand_GivesEachProxyWhatItNeedsWhenThereIsRoom()
    {
        var bucket = new TokenBucket(Start);
        var (busy, quiet) = (0, 0);
        for (var tick = 1; tick <= 40; tick++)
        {
            // 6 tokens a second wanted from a bucket that makes 10.
            var now = Start.AddMilliseconds(tick * 500);
            busy += bucket.Lease(Ask("busy", 2), now).Granted;
            quiet += bucket.Lease(Ask("quiet", 1), now).Granted;
        }

        Assert.Equal(80, busy);
        Assert.Equal(40, quiet);
    }

    [Fact]
    public void Lease_WhenLessThanAnEvenShareIsLeft_StillGrantsTheLastWholeToken()
    {
        var bucket = new TokenBucket(Start);
        bucket.Lease(Ask("a", 19), Start);
        bucket.Lease(Ask("b", 0), Start);
        bucket.Lease(Ask("c", 0), Start);

        Assert.Equal(1, bucket.Lease(Ask("a", 50), Start).Granted);
    }

    [Fact]
    public void Lease_FollowsAPolicyChangeOnTheNextRequest()
    {
        var bucket = new TokenBucket(Start);
        bucket.Lease(Ask("a", 20), Start);
        var tighter = new RateLimitPolicySpec(1, 2, "global", FailMode.Open);

        var lease = bucket.Lease(Ask("a", 100, policy: tighter), Start.AddSeconds(30));

        Assert.Equal(2, lease.Granted);
        Assert.Equal(tighter.Burst, bucket.Status(tighter, Start.AddMinutes(5)).Capacity);
    }

    [Fact]
    public void Status_ShowsOutstandingLeasesUntilTheyExpire()
    {
        var bucket = new TokenBucket(Start);
        bucket.Lease(Ask("b", 3), Start);
        bucket.Lease(Ask("a", 4), Start);

        var during = bucket.Status(Policy, Start.AddMilliseconds(500));
        var after = bucket.Status(Policy, Start + TokenBucket.LeaseDuration + TimeSpan.FromMilliseconds(1));

        Assert.Equal(["a", "b"], during.Leases.Select(l => l.ProxyId));
        Assert.Equal(4, during.Leases[0].Granted);
        Assert.Empty(after.Leases);
    }
}
