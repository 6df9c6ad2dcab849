using Mesh.Contracts;
using Mesh.Contracts.Authorization;
using Mesh.Contracts.Catalog;
using Mesh.Contracts.Endpoints;
using Mesh.Contracts.RateLimiting;
using Mesh.Contracts.Routes;
using Mesh.Contracts.Services;

namespace Mesh.Silo.Catalog;

internal sealed partial class CatalogGrain
{
    /// <summary>
    /// Rebuilds the live view from the spec and endpoint grains the index names. A name whose grain holds
    /// nothing (a crash between the two writes of a delete) is dropped from the index.
    /// </summary>
    private async Task LoadAsync()
    {
        var state = index.State;
        foreach (var (name, spec) in await LoadSpecsAsync<IServiceGrain, ServiceSpec>(state.Services))
        {
            _model.SetService(name, spec);
        }

        foreach (var (name, spec) in await LoadSpecsAsync<IRateLimitPolicyGrain, RateLimitPolicySpec>(state.RateLimits))
        {
            _model.SetRateLimit(name, spec);
        }

        foreach (var (id, spec) in await LoadSpecsAsync<IRouteGrain, RouteSpec>(state.Routes))
        {
            _model.SetRoute(id, spec);
        }

        foreach (var (service, spec) in await LoadSpecsAsync<IAuthzPolicyGrain, AuthzPolicySpec>(state.Authz))
        {
            _model.SetAuthz(service, spec);
        }

        _model.SetRevoked(state.Revoked.Keys);

        foreach (var service in state.Endpoints.Keys.Where(s => !state.Services.Contains(s)).ToList())
        {
            state.Endpoints.Remove(service);
        }

        foreach (var (service, ids) in state.Endpoints)
        {
            var statuses = await Task.WhenAll(ids.Select(id => GrainFactory.GetGrain<IEndpointGrain>(GrainKeys.Endpoint(service, id)).GetStatusAsync()));
            ids.Clear();
            foreach (var status in statuses.OfType<EndpointStatus>())
            {
                _model.SetEndpoint(status);
                ids.Add(status.Id);
            }
        }
    }

    private async Task<List<(string Name, TSpec Spec)>> LoadSpecsAsync<TGrain, TSpec>(HashSet<string> names)
        where TGrain : ISpecGrain<TSpec>
        where TSpec : class
    {
        var loaded = await Task.WhenAll(names.Select(async name => (Name: name, Spec: await GrainFactory.GetGrain<TGrain>(name).GetAsync())));
        names.Clear();
        var found = new List<(string, TSpec)>(loaded.Length);
        foreach (var (name, spec) in loaded)
        {
            if (spec is not null)
            {
                names.Add(name);
                found.Add((name, spec));
            }
        }

        return found;
    }
}
