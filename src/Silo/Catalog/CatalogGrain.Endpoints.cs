using Mesh.Contracts.Catalog;
using Mesh.Contracts.Configuration;
using Mesh.Contracts.Endpoints;
using Mesh.Contracts.Validation;

namespace Mesh.Silo.Catalog;

/// <summary>Endpoints: registration through the catalog, their live state, outlier ejection and its end.</summary>
internal sealed partial class CatalogGrain
{
    public async Task<WriteResult> PutEndpointAsync(string service, string id, EndpointSpec spec)
    {
        if (!_model.HasService(service))
        {
            return WriteResult.NotFound(Version);
        }

        if (!ResourceNames.IsValidEndpointId(id))
        {
            return WriteResult.Refused(WriteOutcome.Invalid, Version, "id", ResourceNames.EndpointIdRule);
        }

        var name = ResourceKinds.EndpointName(service, id);
        if (spec.Ttl is null)
        {
            return (await CommitAsync(ConfigCommit.Put(ResourceKinds.Endpoint, name, spec))).AsWriteResult();
        }

        if (_model.Config.Contains(new ResourceKey(ResourceKinds.Endpoint, name)))
        {
            return WriteResult.Refused(WriteOutcome.Conflict, Version, "ttl", $"endpoint '{id}' is static configuration; delete it before it registers itself with a ttl");
        }

        var policy = EndpointPolicy.From(_model.FindService(service)!);
        var status = await Endpoint(service, id).RegisterAsync(spec, policy);
        _model.SetEndpoint(status);
        EndpointIndex(service).Add(id);
        return await PublishAsync([(service, id)]);
    }

    public async Task<WriteResult> DeleteEndpointAsync(string service, string id)
    {
        if (_model.FindEndpoint(service, id) is null)
        {
            return WriteResult.NotFound(Version);
        }

        var name = ResourceKinds.EndpointName(service, id);
        if (_model.Config.Contains(new ResourceKey(ResourceKinds.Endpoint, name)))
        {
            return (await CommitAsync(ConfigCommit.Delete(ResourceKinds.Endpoint, name))).AsWriteResult();
        }

        _model.RemoveEndpoint(service, id);
        EndpointIndex(service).Remove(id);
        var result = await PublishAsync([(service, id)]);
        await Endpoint(service, id).ClearAsync();
        return result;
    }

    public async Task<WriteResult> DrainEndpointAsync(string service, string id)
    {
        if (_model.FindEndpoint(service, id) is null)
        {
            return WriteResult.NotFound(Version);
        }

        var status = await Endpoint(service, id).DrainAsync();
        if (status is null)
        {
            _model.RemoveEndpoint(service, id);
            EndpointIndex(service).Remove(id);
            await PublishAsync([(service, id)]);
            return WriteResult.NotFound(Version);
        }

        _model.SetEndpoint(status);
        return await PublishAsync([(service, id)]);
    }

    public async Task OnEndpointChangedAsync(EndpointStatus status)
    {
        // Only a change in whether proxies may send to it is worth a new version pushed to every proxy:
        // a first probe turning unknown into healthy is not.
        if (_model.FindEndpoint(status.Service, status.Id) is { } known && known.Registration == status.Registration
            && status.Revision > known.Revision && status.IsAvailable != known.IsAvailable)
        {
            _model.SetEndpoint(status);
            await PublishAsync([(status.Service, status.Id)]);
        }
    }

    public async Task OnEndpointFailingAsync(string service, string id, Guid registration)
    {
        if (_model.FindEndpoint(service, id) is not { } status || status.Registration != registration
            || status.Health == EndpointHealth.Draining || _model.IsEjected(service, id) || _model.FindService(service) is not { } spec)
        {
            return;
        }

        // Never eject more than the service's share, rounded down: a lone endpoint is never ejected at 50 %.
        var allowed = _model.EndpointIds(service).Count * spec.OutlierDetection.MaxEjectionPercent / 100;
        if (_model.EjectedCount(service) + 1 > allowed)
        {
            LogEjectionRefused(service, id, spec.OutlierDetection.MaxEjectionPercent);
            return;
        }

        var now = time.GetUtcNow();
        var count = _ejections.Next(service, id, now, spec.OutlierDetection.BaseEjection);
        var until = now + (spec.OutlierDetection.BaseEjection * count);
        _model.Eject(service, id, until);
        _ejectionTimer ??= this.RegisterGrainTimer(RestoreEjectedAsync, new GrainTimerCreationOptions(EjectionCheckPeriod, EjectionCheckPeriod) { KeepAlive = true });
        metrics.Ejected(service);
        LogEjected(service, id, until, count);
        await PublishAsync([(service, id)]);
    }

    public async Task OnEndpointExpiredAsync(string service, string id, Guid registration)
    {
        if (_model.FindEndpoint(service, id)?.Registration == registration)
        {
            _model.RemoveEndpoint(service, id);
            EndpointIndex(service).Remove(id);
            await PublishAsync([(service, id)]);
        }
    }

    private async Task RestoreEjectedAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var restored = _model.RestoreEjected(now);
        foreach (var (service, id) in restored)
        {
            _ejections.Ended(service, id, now);
            LogRestored(service, id);
        }

        if (!_model.HasEjections)
        {
            _ejectionTimer?.Dispose();
            _ejectionTimer = null;
        }

        if (restored.Count > 0)
        {
            await PublishAsync(restored);
        }
    }

    private HashSet<string> EndpointIndex(string service)
    {
        if (!state.State.Endpoints.TryGetValue(service, out var ids))
        {
            ids = new HashSet<string>(StringComparer.Ordinal);
            state.State.Endpoints.Add(service, ids);
        }

        return ids;
    }
}
