using Mesh.Contracts;
using Mesh.Contracts.Catalog;
using Mesh.Contracts.Configuration;
using Mesh.Contracts.Endpoints;
using Mesh.Silo.Tests.Harness;

namespace Mesh.Silo.Tests.Catalog;

public sealed class CatalogGrainTests(MeshClusterFixture fixture) : IClassFixture<MeshClusterFixture>
{
    private ICatalogGrain Catalog => fixture.Client.GetGrain<ICatalogGrain>(GrainKeys.Catalog);

    [Fact]
    public async Task Writes_EachAcceptedOne_StrictlyIncreasesTheVersion()
    {
        var versions = new List<long> { await Catalog.GetVersionAsync() };
        versions.Add((await Catalog.PutAsync(ResourceKinds.Service, "versions-a", Specs.Service)).Version);
        versions.Add((await Catalog.PutAsync(ResourceKinds.RateLimit, "versions-limit", Specs.RateLimit)).Version);
        versions.Add((await Catalog.PutAsync(ResourceKinds.Route, "versions-route", Specs.RouteTo("versions-a", "versions-limit"))).Version);
        versions.Add((await Catalog.PutAsync(ResourceKinds.Service, "versions-a", Specs.Service with { Timeout = TimeSpan.FromSeconds(3) })).Version);
        versions.Add((await Catalog.DeleteAsync(ResourceKinds.Route, "versions-route")).Version);

        Assert.Equal(versions.Order(), versions);
        Assert.Equal(versions.Count, versions.Distinct().Count());
    }

    [Fact]
    public async Task Write_WhenRefused_LeavesVersionAndSnapshotUnchanged()
    {
        var before = await Catalog.GetSnapshotAsync();

        var result = await Catalog.PutAsync(ResourceKinds.Route, "refused-route", Specs.RouteTo("no-such-service", "no-such-limit"));

        Assert.Equal(WriteOutcome.Invalid, result.Outcome);
        Assert.Equal(["backends[0].service", "rateLimit"], result.Errors.Keys);
        var after = await Catalog.GetSnapshotAsync();
        Assert.Equal(before.Version, after.Version);
        Assert.False(after.Routes.ContainsKey("refused-route"));
    }

    [Fact]
    public async Task DeleteService_WhileRoutesUseIt_IsRefusedNamingTheRoutes()
    {
        await Catalog.PutAsync(ResourceKinds.Service, "in-use", Specs.Service);
        await Catalog.PutAsync(ResourceKinds.Route, "in-use-b", Specs.RouteTo("in-use"));
        await Catalog.PutAsync(ResourceKinds.Route, "in-use-a", Specs.RouteTo("in-use"));

        var refused = await Catalog.DeleteAsync(ResourceKinds.Service, "in-use");

        Assert.Equal(WriteOutcome.Conflict, refused.Outcome);
        Assert.Contains("in-use-a, in-use-b", refused.Errors["name"].Single(), StringComparison.Ordinal);
        Assert.True((await Catalog.GetSnapshotAsync()).Services.ContainsKey("in-use"));

        await Catalog.DeleteAsync(ResourceKinds.Route, "in-use-a");
        await Catalog.DeleteAsync(ResourceKinds.Route, "in-use-b");
        Assert.Equal(WriteOutcome.Applied, (await Catalog.DeleteAsync(ResourceKinds.Service, "in-use")).Outcome);
        Assert.False((await Catalog.GetSnapshotAsync()).Services.ContainsKey("in-use"));
    }

    [Fact]
    public async Task DeleteRateLimitPolicy_WhileRoutesUseIt_IsRefused()
    {
        await Catalog.PutAsync(ResourceKinds.Service, "limited", Specs.Service);
        await Catalog.PutAsync(ResourceKinds.RateLimit, "limited-policy", Specs.RateLimit);
        await Catalog.PutAsync(ResourceKinds.Route, "limited-route", Specs.RouteTo("limited", "limited-policy"));

        var refused = await Catalog.DeleteAsync(ResourceKinds.RateLimit, "limited-policy");

        Assert.Equal(WriteOutcome.Conflict, refused.Outcome);
        Assert.Contains("limited-route", refused.Errors["name"].Single(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task DeleteService_RemovesItsEndpointsToo()
    {
        await Catalog.PutAsync(ResourceKinds.Service, "cascade", Specs.Service);
        await Catalog.PutEndpointAsync("cascade", "e1", Specs.Endpoint(7001));

        await Catalog.DeleteAsync(ResourceKinds.Service, "cascade");
        await Catalog.PutAsync(ResourceKinds.Service, "cascade", Specs.Service);

        Assert.Empty((await Catalog.GetSnapshotAsync()).Services["cascade"].Endpoints);
        Assert.Null(await fixture.Client.GetGrain<IEndpointGrain>(GrainKeys.Endpoint("cascade", "e1")).GetStatusAsync());
    }

    [Fact]
    public async Task Watch_AfterMissingPushes_CatchesUpFromTheLastVersionItHolds()
    {
        var watcher = new RecordingObserver();
        var reference = fixture.Client.CreateObjectReference<ICatalogObserver>(watcher);
        await Catalog.SubscribeAsync(reference, await Catalog.GetVersionAsync());

        var first = await Catalog.PutAsync(ResourceKinds.Service, "watched-a", Specs.Service);
        var pushed = await watcher.NextAsync();
        Assert.Equal(first.Version, pushed.Version);

        // The watcher drops off (a lost subscription) while two changes happen.
        await Catalog.UnsubscribeAsync(reference);
        await Catalog.PutAsync(ResourceKinds.Service, "watched-b", Specs.Service);
        var missed = await Catalog.PutAsync(ResourceKinds.Service, "watched-c", Specs.Service);
        Assert.False(watcher.TryTake(out _));

        await Catalog.SubscribeAsync(reference, pushed.Version);
        var caughtUp = await watcher.NextAsync();

        Assert.True(caughtUp.Version >= missed.Version);
        Assert.Contains("watched-b", caughtUp.Services.Keys);
        Assert.Contains("watched-c", caughtUp.Services.Keys);
        Assert.Null(await Catalog.GetSnapshotIfNewerAsync(caughtUp.Version));
        Assert.NotNull(await Catalog.GetSnapshotIfNewerAsync(pushed.Version));
        fixture.Client.DeleteObjectReference<ICatalogObserver>(reference);
    }

    [Fact]
    public async Task Reactivation_KeepsEveryResourceAndIssuesANewerVersion()
    {
        await Catalog.PutAsync(ResourceKinds.Service, "survivor", Specs.Service);
        await Catalog.PutAsync(ResourceKinds.Route, "survivor-route", Specs.RouteTo("survivor"));
        await Catalog.PutEndpointAsync("survivor", "e1", Specs.Endpoint(7002));
        var before = await Catalog.GetSnapshotAsync();

        await fixture.Cluster.DeactivateAsync(Catalog);
        await fixture.Cluster.WaitForDeactivationAsync(Catalog);
        var after = await Catalog.GetSnapshotAsync();

        Assert.True(after.Version > before.Version);
        Assert.Equal(before.Services.Keys, after.Services.Keys);
        Assert.Equal(before.Routes.Keys, after.Routes.Keys);
        Assert.Equal(before.Services["survivor"].Endpoints.Keys, after.Services["survivor"].Endpoints.Keys);
    }

    [Fact]
    public async Task EndpointReport_OlderThanTheCatalogsView_DoesNotUndoADrain()
    {
        await Catalog.PutAsync(ResourceKinds.Service, "late-report", Specs.Service);
        await Catalog.PutEndpointAsync("late-report", "e1", Specs.Endpoint(7004));
        var beforeDrain = (await Catalog.GetSnapshotAsync()).Services["late-report"].Endpoints["e1"];
        await Catalog.DrainEndpointAsync("late-report", "e1");

        // A health report the endpoint grain made before the drain, arriving after it.
        await Catalog.OnEndpointChangedAsync(beforeDrain with { Health = EndpointHealth.Healthy });
        var marker = await Catalog.PutAsync(ResourceKinds.RateLimit, "late-report-marker", Specs.RateLimit);

        var snapshot = await Catalog.GetSnapshotAsync();
        Assert.True(snapshot.Version >= marker.Version);
        Assert.Equal(EndpointHealth.Draining, snapshot.Services["late-report"].Endpoints["e1"].Health);
    }

    [Fact]
    public async Task Drain_MarksTheEndpointDrainingInTheSnapshot()
    {
        await Catalog.PutAsync(ResourceKinds.Service, "draining", Specs.Service);
        await Catalog.PutEndpointAsync("draining", "e1", Specs.Endpoint(7003));

        var drained = await Catalog.DrainEndpointAsync("draining", "e1");

        Assert.Equal(WriteOutcome.Applied, drained.Outcome);
        var endpoint = (await Catalog.GetSnapshotAsync()).Services["draining"].Endpoints["e1"];
        Assert.Equal(EndpointHealth.Draining, endpoint.Health);
        Assert.False(endpoint.IsAvailable);
        Assert.Equal(WriteOutcome.NotFound, (await Catalog.DrainEndpointAsync("draining", "nope")).Outcome);
    }
}
