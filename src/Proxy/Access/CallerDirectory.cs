using System.Collections.Frozen;
using System.Collections.Immutable;
using Mesh.Contracts.Catalog;

namespace Mesh.Proxy.Access;

/// <summary>
/// Everyone an edge can recognise, at one snapshot: registered consumers (with their tier resolved), API key hashes,
/// and a validator per JWT provider (kept from the last snapshot while its spec and keys are unchanged, so the
/// tokens it remembers survive pushes that changed something else).
/// </summary>
internal sealed class CallerDirectory
{
    private CallerDirectory(FrozenDictionary<string, EdgeCaller> consumers, ApiKeyIndex keys, FrozenDictionary<string, JwtValidator> providers)
    {
        Consumers = consumers;
        Keys = keys;
        Providers = providers;
    }

    public static CallerDirectory Empty { get; } = new(FrozenDictionary<string, EdgeCaller>.Empty, ApiKeyIndex.Empty, FrozenDictionary<string, JwtValidator>.Empty);

    public FrozenDictionary<string, EdgeCaller> Consumers { get; }

    public ApiKeyIndex Keys { get; }

    public FrozenDictionary<string, JwtValidator> Providers { get; }

    public static CallerDirectory For(CatalogSnapshot snapshot, CallerDirectory previous, TimeProvider time)
    {
        if (snapshot.Consumers.IsEmpty && snapshot.JwtProviders.IsEmpty)
        {
            return Empty;
        }

        var consumers = snapshot.Consumers.ToFrozenDictionary(
            c => c.Key,
            c => new EdgeCaller(
                c.Key,
                c.Value.Groups,
                c.Value.RateLimit is { } name && snapshot.RateLimits.TryGetValue(name, out var policy) ? (name, policy) : null,
                []),
            StringComparer.Ordinal);
        var providers = snapshot.JwtProviders.ToFrozenDictionary(
            p => p.Key,
            p => previous.Providers.TryGetValue(p.Key, out var kept) && kept.IsFor(p.Value) ? kept : new JwtValidator(p.Key, p.Value, time),
            StringComparer.Ordinal);
        return new CallerDirectory(consumers, new ApiKeyIndex(snapshot.ApiKeys, consumers), providers);
    }

    /// <summary>A token's caller: a registered consumer brings its groups (with the token's) and its tier.</summary>
    public EdgeCaller Resolve(TokenIdentity identity)
    {
        if (!Consumers.TryGetValue(identity.Consumer, out var registered))
        {
            return identity.Unregistered;
        }

        var groups = identity.Groups.IsEmpty ? registered.Groups : [.. registered.Groups.Union(identity.Groups, StringComparer.Ordinal)];
        return new EdgeCaller(identity.Consumer, groups, registered.RateLimit, identity.ClaimHeaders);
    }

    public ImmutableArray<JwtValidator> ProvidersNamed(ImmutableArray<string> names) =>
        names.IsEmpty
            ? [.. Providers.Values.OrderBy(v => v.Name, StringComparer.Ordinal)]
            : [.. names.Where(Providers.ContainsKey).Select(n => Providers[n])];
}
