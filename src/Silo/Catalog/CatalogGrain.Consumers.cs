using System.Collections.Immutable;
using Mesh.Contracts.Catalog;
using Mesh.Contracts.Consumers;
using Mesh.Contracts.Jwt;
using Mesh.Silo.Catalog.Kinds;
using Mesh.Silo.Consumers;

namespace Mesh.Silo.Catalog;

/// <summary>
/// State of the edge's callers that is not configuration: API keys (hashes) and the key sets fetched for JWT
/// providers. Each change is a new version pushed whole, so a revoked key is refused by every edge with the next push.
/// </summary>
internal sealed partial class CatalogGrain
{
    public async Task<WriteResult> AddApiKeyAsync(ApiKeyHash key)
    {
        if (_model.Config.Find<ConsumerSpec>(ConfigKinds.Consumer, key.Consumer) is null)
        {
            return WriteResult.NotFound(state.State.ConfigVersion);
        }

        if (state.State.ApiKeys.Values.Count(k => k.Consumer == key.Consumer) >= ConsumerKeys.MaxPerConsumer)
        {
            return WriteResult.Refused(
                WriteOutcome.Invalid, state.State.ConfigVersion, "consumer", $"holds {ConsumerKeys.MaxPerConsumer} keys already: revoke one first");
        }

        state.State.ApiKeys[key.KeyId] = key;
        return await PublishKeysAsync();
    }

    public async Task<WriteResult> RevokeApiKeyAsync(string consumer, string keyId)
    {
        if (!state.State.ApiKeys.TryGetValue(keyId, out var key) || key.Consumer != consumer)
        {
            return WriteResult.NotFound(state.State.ConfigVersion);
        }

        state.State.ApiKeys.Remove(keyId);
        return await PublishKeysAsync();
    }

    public Task<ImmutableDictionary<string, JwksFetch>> GetJwksStatusAsync() =>
        Task.FromResult(state.State.Jwks.ToImmutableDictionary(StringComparer.Ordinal));

    public async Task OnJwksFetchedAsync(string provider, JwksFetch fetch)
    {
        if (_model.Config.Find<JwtProviderSpec>(ConfigKinds.JwtProvider, provider)?.JwksUri != fetch.Uri)
        {
            return;
        }

        var held = state.State.Jwks.GetValueOrDefault(provider);
        var merged = fetch.Keys is null && held?.Uri == fetch.Uri ? fetch with { Keys = held.Keys, FetchedAt = held.FetchedAt } : fetch;
        state.State.Jwks[provider] = merged;
        var keysChanged = held?.Keys != merged.Keys;
        if (keysChanged)
        {
            state.State.Version = NextVersion();
        }

        await WriteAsync();
        _model.SetJwks(state.State.Jwks);
        if (keysChanged)
        {
            PushSnapshot();
        }
    }

    private async Task<WriteResult> PublishKeysAsync()
    {
        state.State.Version = NextVersion();
        await WriteAsync();
        _model.SetApiKeys(state.State.ApiKeys.Values);
        PushSnapshot();
        return WriteResult.Applied(Version);
    }

    /// <summary>Every provider with a <c>jwksUri</c> has its fetcher running; one without, none. Idempotent.</summary>
    private void WatchJwks(IEnumerable<string> providers)
    {
        foreach (var name in providers)
        {
            var uri = _model.Config.Find<JwtProviderSpec>(ConfigKinds.JwtProvider, name)?.JwksUri;
            GrainFactory.GetGrain<IJwksGrain>(name).WatchAsync(uri).Ignore();
        }
    }

    private void WatchAllJwks() => WatchJwks(_model.Config.OfKind<JwtProviderSpec>(ConfigKinds.JwtProvider).Select(p => p.Name));

    /// <summary>Forgets fetched key sets of providers gone or now fetched from elsewhere.</summary>
    private static void ForgetStaleJwks(Dictionary<string, JwksFetch> jwks, ConfigTables config)
    {
        foreach (var name in jwks.Where(j => config.Find<JwtProviderSpec>(ConfigKinds.JwtProvider, j.Key)?.JwksUri != j.Value.Uri).Select(j => j.Key).ToList())
        {
            jwks.Remove(name);
        }
    }
}
