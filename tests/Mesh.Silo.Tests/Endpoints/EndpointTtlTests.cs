using Mesh.Contracts;
using Mesh.Contracts.Catalog;
using Mesh.Contracts.Configuration;
using Mesh.Contracts.Endpoints;
using Mesh.Silo.Tests.Catalog;
using Mesh.Silo.Tests.Harness;
using Mesh.Testing;

namespace Mesh.Silo.Tests.Endpoints;

public sealed class EndpointTtlTests(MeshClusterFixture fixture) : IClassFixture<MeshClusterFixture>
{
    private static readonly TimeSpan Ttl = TimeSpan.FromSeconds(30);

    private ICatalogGrain Catalog => fixture.Client.GetGrain<ICatalogGrain>(GrainKeys.Catalog);

    [Fact]
    public async Task Endpoint_WhoseHeartbeatsStop_LeavesTheSnapshotAfterItsTtl()
    {
        await Catalog.PutAsync(ResourceKinds.Service, "ttl", Specs.Service);
        await Catalog.PutEndpointAsync("ttl", "beating", Specs.Endpoint(7101, Ttl));
        await Catalog.PutEndpointAsync("ttl", "silent", Specs.Endpoint(7102, Ttl));
        await Catalog.PutEndpointAsync("ttl", "static", Specs.Endpoint(7103));
        var beating = fixture.Client.GetGrain<IEndpointGrain>(GrainKeys.Endpoint("ttl", "beating"));

        // Two-thirds of a TTL, a heartbeat from one endpoint only, then the rest of the silent one's TTL.
        fixture.Time.Advance(Ttl * 2 / 3);
        Assert.NotNull(await beating.HeartbeatAsync());
        fixture.Time.Advance(Ttl / 2);

        var snapshot = await Eventually.ReturnsAsync(
            async () => await Catalog.GetSnapshotAsync(),
            s => !s.Services["ttl"].Endpoints.ContainsKey("silent"),
            "the silent endpoint to expire");

        Assert.Equal(["beating", "static"], snapshot.Services["ttl"].Endpoints.Keys);
        Assert.Null(await fixture.Client.GetGrain<IEndpointGrain>(GrainKeys.Endpoint("ttl", "silent")).HeartbeatAsync());
    }

    [Fact]
    public async Task Endpoint_WithoutTtl_StaysUntilDeleted()
    {
        await Catalog.PutAsync(ResourceKinds.Service, "no-ttl", Specs.Service);
        await Catalog.PutEndpointAsync("no-ttl", "e1", Specs.Endpoint(7201));

        fixture.Time.Advance(TimeSpan.FromDays(1));
        var stillThere = (await Catalog.GetSnapshotAsync()).Services["no-ttl"].Endpoints.ContainsKey("e1");
        await Catalog.DeleteEndpointAsync("no-ttl", "e1");

        Assert.True(stillThere);
        Assert.False((await Catalog.GetSnapshotAsync()).Services["no-ttl"].Endpoints.ContainsKey("e1"));
    }

    [Fact]
    public async Task Endpoint_ReRegisteredBeforeALateExpiry_IsNotRemovedByIt()
    {
        await Catalog.PutAsync(ResourceKinds.Service, "late", Specs.Service);
        var first = await Catalog.PutEndpointAsync("late", "e1", Specs.Endpoint(7301, Ttl));
        var registration = (await Catalog.GetSnapshotAsync()).Services["late"].Endpoints["e1"].Registration;
        await Catalog.PutEndpointAsync("late", "e1", Specs.Endpoint(7302, Ttl));

        await Catalog.OnEndpointExpiredAsync("late", "e1", registration);
        var snapshot = await Catalog.GetSnapshotAsync();

        Assert.Equal(WriteOutcome.Applied, first.Outcome);
        Assert.Equal(7302, snapshot.Services["late"].Endpoints["e1"].Spec.Address.Port);
    }
}
