using Mesh.Contracts;
using Mesh.Contracts.Catalog;
using Mesh.Contracts.Configuration;
using Mesh.Contracts.Endpoints;
using Mesh.Contracts.Services;
using Mesh.Silo.Tests.Catalog;
using Mesh.Silo.Tests.Harness;
using Mesh.Testing;

namespace Mesh.Silo.Tests.Health;

/// <summary>Passive health: failures reported by proxies eject an endpoint for everyone, within the service's share, with backoff.</summary>
public sealed class OutlierEjectionTests(MeshClusterFixture fixture) : IClassFixture<MeshClusterFixture>
{
    private static readonly OutlierDetectionSpec Outliers = new(3, TimeSpan.FromSeconds(30), 50);

    private ICatalogGrain Catalog => fixture.Client.GetGrain<ICatalogGrain>(GrainKeys.Catalog);

    private async Task ServiceWithEndpointsAsync(string service, params string[] ids)
    {
        await Catalog.PutAsync(ResourceKinds.Service, service, Specs.Service with { OutlierDetection = Outliers });
        foreach (var (id, port) in ids.Select((id, i) => (id, 7400 + i)))
        {
            await Catalog.PutEndpointAsync(service, id, Specs.Endpoint(port));
        }
    }

    private IEndpointGrain Endpoint(string service, string id) => fixture.Client.GetGrain<IEndpointGrain>(GrainKeys.Endpoint(service, id));

    private async Task<EndpointStatus> StatusInSnapshotAsync(string service, string id) =>
        (await Catalog.GetSnapshotAsync()).Services[service].Endpoints[id];

    [Fact]
    public async Task ConsecutiveFailures_FromSeveralProxies_EjectTheEndpoint()
    {
        await ServiceWithEndpointsAsync("ejectable", "a", "b");

        await Endpoint("ejectable", "a").ReportOutcomesAsync(new EndpointOutcomes(5, 2, 2));
        await Endpoint("ejectable", "a").ReportOutcomesAsync(new EndpointOutcomes(0, 1, 1));

        var ejected = await Eventually.ReturnsAsync(() => StatusInSnapshotAsync("ejectable", "a"), s => s.Health == EndpointHealth.Ejected, "endpoint a ejected");
        Assert.Equal(fixture.Time.GetUtcNow() + Outliers.BaseEjection, ejected.EjectedUntil);
        Assert.NotEqual(EndpointHealth.Ejected, (await StatusInSnapshotAsync("ejectable", "b")).Health);
    }

    [Fact]
    public async Task ASuccessBetweenFailures_StartsTheCountOver()
    {
        await ServiceWithEndpointsAsync("recovering", "a", "b");

        await Endpoint("recovering", "a").ReportOutcomesAsync(new EndpointOutcomes(0, 2, 2));
        await Endpoint("recovering", "a").ReportOutcomesAsync(new EndpointOutcomes(1, 1, 0));
        await Endpoint("recovering", "a").ReportOutcomesAsync(new EndpointOutcomes(0, 2, 2));
        await Endpoint("recovering", "b").ReportOutcomesAsync(new EndpointOutcomes(0, 3, 3));
        await Eventually.ReturnsAsync(() => StatusInSnapshotAsync("recovering", "b"), s => s.Health == EndpointHealth.Ejected, "endpoint b ejected");

        Assert.NotEqual(EndpointHealth.Ejected, (await StatusInSnapshotAsync("recovering", "a")).Health);
    }

    [Fact]
    public async Task Ejection_NeverTakesMoreThanMaxEjectionPercent()
    {
        await ServiceWithEndpointsAsync("capped", "a", "b");

        await Endpoint("capped", "a").ReportOutcomesAsync(new EndpointOutcomes(0, 3, 3));
        await Eventually.ReturnsAsync(() => StatusInSnapshotAsync("capped", "a"), s => s.Health == EndpointHealth.Ejected, "endpoint a ejected");
        await Endpoint("capped", "b").ReportOutcomesAsync(new EndpointOutcomes(0, 3, 3));
        await Endpoint("capped", "b").ReportOutcomesAsync(new EndpointOutcomes(0, 3, 3));
        var marker = await Catalog.PutAsync(ResourceKinds.RateLimit, "capped-marker", Specs.RateLimit);

        var snapshot = await Catalog.GetSnapshotAsync();
        Assert.True(snapshot.Version >= marker.Version);
        Assert.Equal(1, snapshot.Services["capped"].Endpoints.Values.Count(e => e.Health == EndpointHealth.Ejected));
    }

    [Fact]
    public async Task Ejection_EndsAfterItsTimeAndBacksOffWhenRepeated()
    {
        await ServiceWithEndpointsAsync("flapping", "a", "b", "c", "d");

        await Endpoint("flapping", "a").ReportOutcomesAsync(new EndpointOutcomes(0, 3, 3));
        var first = await Eventually.ReturnsAsync(() => StatusInSnapshotAsync("flapping", "a"), s => s.Health == EndpointHealth.Ejected, "first ejection");
        fixture.Time.Advance(Outliers.BaseEjection);
        await Eventually.ReturnsAsync(() => StatusInSnapshotAsync("flapping", "a"), s => s.Health != EndpointHealth.Ejected, "return from first ejection");
        var secondStart = fixture.Time.GetUtcNow();
        await Endpoint("flapping", "a").ReportOutcomesAsync(new EndpointOutcomes(0, 3, 3));
        var second = await Eventually.ReturnsAsync(() => StatusInSnapshotAsync("flapping", "a"), s => s.Health == EndpointHealth.Ejected, "second ejection");

        Assert.NotNull(first.EjectedUntil);
        Assert.Equal(secondStart + (Outliers.BaseEjection * 2), second.EjectedUntil);
    }
}
