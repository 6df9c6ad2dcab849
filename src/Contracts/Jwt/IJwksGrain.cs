using Orleans.Concurrency;

namespace Mesh.Contracts.Jwt;

/// <summary>
/// Fetches one JWT provider's key set for the whole mesh (keyed by provider name): on a change of <c>jwksUri</c>, on a
/// period, and when an edge meets a key id it does not know, at most once per minimum interval. Edges never call
/// the identity provider themselves.
/// </summary>
[Alias("mesh.jwks")]
public interface IJwksGrain : IGrainWithStringKey
{
    /// <summary>Fetch from <paramref name="uri"/> from now on (at once when it is new); null: stop.</summary>
    [OneWay, Alias("watch")]
    Task WatchAsync(Uri? uri);

    /// <summary>An edge saw a token signed with a key id it does not hold: fetch again unless a fetch was recent.</summary>
    [OneWay, Alias("refresh")]
    Task RefreshAsync();
}
