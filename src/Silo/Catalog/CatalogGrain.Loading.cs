using System.Collections.Immutable;
using Mesh.Contracts.Authorization;
using Mesh.Contracts.Catalog;
using Mesh.Contracts.Configuration;
using Mesh.Contracts.Endpoints;
using Mesh.Contracts.RateLimiting;
using Mesh.Contracts.Routes;
using Mesh.Contracts.Services;
using Mesh.Contracts.Validation;
using Mesh.Silo.Catalog.Kinds;
using Mesh.Silo.Certificates;
using Mesh.Silo.Consumers;

namespace Mesh.Silo.Catalog;

internal sealed partial class CatalogGrain
{
    /// <summary>
    /// Rebuilds the live view from the stored configuration and the endpoint grains it lists. Static endpoints
    /// the configuration holds but whose grain lost the registration (a crash between a commit and its effects)
    /// are registered again.
    /// </summary>
    private async Task LoadAsync()
    {
        var stored = state.State;
        var resources = ImmutableSortedDictionary.CreateBuilder<ResourceKey, StoredResource>();
        foreach (var (kindName, documents) in stored.Resources)
        {
            var kind = ConfigKinds.Get(kindName);
            foreach (var (name, json) in documents)
            {
                var errors = new ValidationErrors();
                var spec = kind.Parse(json, errors);
                if (!errors.IsEmpty)
                {
                    LogStoredResourceRefused(kindName, name, string.Join("; ", errors.ToDictionary().Select(e => $"{e.Key}: {string.Join(", ", e.Value)}")));
                    continue;
                }

                resources[new ResourceKey(kindName, name)] = new StoredResource(spec, kind.Render(name, spec));
            }
        }

        _model.Config = new ConfigTables(resources.ToImmutable());
        _model.SetRevoked(stored.Revoked.Keys);
        ConsumerKeys.ForgetOrphans(stored.ApiKeys, _model.Config);
        ForgetStaleJwks(stored.Jwks, _model.Config);
        _model.SetApiKeys(stored.ApiKeys.Values);
        _model.SetJwks(stored.Jwks);
        _model.SetCachePurges(stored.CachePurges);
        WatchAllJwks();

        foreach (var service in stored.Endpoints.Keys.Where(s => !_model.HasService(s)).ToList())
        {
            stored.Endpoints.Remove(service);
        }

        foreach (var (service, ids) in stored.Endpoints)
        {
            var statuses = await Task.WhenAll(ids.Select(id => Endpoint(service, id).GetStatusAsync()));
            ids.Clear();
            foreach (var status in statuses.OfType<EndpointStatus>())
            {
                _model.SetEndpoint(status);
                ids.Add(status.Id);
            }
        }

        foreach (var (name, spec) in _model.Config.OfKind<EndpointSpec>(ConfigKinds.Endpoint).ToList())
        {
            var (service, id) = ConfigKinds.SplitEndpoint(name);
            if (_model.FindEndpoint(service, id)?.Spec != spec)
            {
                await RegisterAsync(service, id, spec, _model.Config);
                EndpointIndex(service).Add(id);
            }
        }
    }

    /// <summary>
    /// Moves a configuration stored by 0.2 (an index of names, each spec in a grain of its own) into the one-row
    /// state, as one commit in history, then clears the old rows. Static endpoints become configuration.
    /// </summary>
    private async Task MigrateLegacyAsync()
    {
        if (state.RecordExists || !legacy.RecordExists)
        {
            return;
        }

        var old = legacy.State;
        var puts = new List<ResourcePut>();
        puts.AddRange(await LegacySpecsAsync<IServiceGrain, ServiceSpec>(old.Services, ConfigKinds.Service));
        puts.AddRange(await LegacySpecsAsync<IRouteGrain, RouteSpec>(old.Routes, ConfigKinds.Route));
        puts.AddRange(await LegacySpecsAsync<IRateLimitPolicyGrain, RateLimitPolicySpec>(old.RateLimits, ConfigKinds.RateLimit));
        puts.AddRange(await LegacySpecsAsync<IAuthzPolicyGrain, AuthzPolicySpec>(old.Authz, ConfigKinds.Authz));
        foreach (var (service, ids) in old.Endpoints)
        {
            foreach (var status in (await Task.WhenAll(ids.Select(id => Endpoint(service, id).GetStatusAsync()))).OfType<EndpointStatus>())
            {
                if (status.Spec.Ttl is null)
                {
                    puts.Add(new ResourcePut(new ResourceKey(ResourceKinds.Endpoint, ResourceKinds.EndpointName(service, status.Id)), status.Spec));
                }
            }
        }

        var plan = CommitPlan.Make(ConfigTables.Empty, new ConfigCommit([.. puts], [], ReplaceAll: true, ChangeSource.Apply, DryRun: false));
        state.State.Version = old.Version;
        state.State.ConfigVersion = old.Version;
        state.State.Endpoints = old.Endpoints;
        state.State.Revoked = old.Revoked;
        await StoreAsync(plan, ChangeSource.Apply, new Dictionary<string, StoredCertificateKey>());
        LogMigrated(plan.Result.Resources.Count, old.Version);

        await Task.WhenAll(old.Services.Select(n => GrainFactory.GetGrain<IServiceGrain>(n).ClearAsync())
            .Concat(old.Routes.Select(n => GrainFactory.GetGrain<IRouteGrain>(n).ClearAsync()))
            .Concat(old.RateLimits.Select(n => GrainFactory.GetGrain<IRateLimitPolicyGrain>(n).ClearAsync()))
            .Concat(old.Authz.Select(n => GrainFactory.GetGrain<IAuthzPolicyGrain>(n).ClearAsync())));
        await legacy.ClearStateAsync();
    }

    private async Task<IEnumerable<ResourcePut>> LegacySpecsAsync<TGrain, TSpec>(HashSet<string> names, IResourceKind kind)
        where TGrain : ISpecGrain<TSpec>
        where TSpec : class
    {
        var loaded = await Task.WhenAll(names.Select(async name => (Name: name, Spec: await GrainFactory.GetGrain<TGrain>(name).GetAsync())));
        return loaded.Where(l => l.Spec is not null).Select(l => new ResourcePut(new ResourceKey(kind.Name, l.Name), l.Spec!));
    }
}
