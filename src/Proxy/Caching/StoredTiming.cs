namespace Mesh.Proxy.Caching;

/// <summary>
/// When a stored response arrived and how old it was then (RFC 9111 §4.2.3's corrected initial age), how long it stays
/// fresh, and whether it may ever be used without asking the upstream (<c>no-cache</c>) or past its freshness (<c>must-revalidate</c>).
/// </summary>
internal readonly record struct StoredTiming(DateTimeOffset ResponseTime, TimeSpan InitialAge, TimeSpan Lifetime, bool NoCache, bool MustRevalidate)
{
    public TimeSpan AgeAt(DateTimeOffset now)
    {
        var resident = now - ResponseTime;
        return InitialAge + (resident > TimeSpan.Zero ? resident : TimeSpan.Zero);
    }
}
