using Mesh.Contracts;
using Mesh.Contracts.Catalog;
using Mesh.Contracts.Configuration;
using Mesh.Contracts.Endpoints;
using Mesh.Silo.Tests.Harness;

namespace Mesh.Silo.Tests.Catalog;

/// <summary>Configuration as a whole: one version per commit, a history of them, the document at any of them, diffs and rollback.</summary>
public sealed class ConfigHistoryTests(MeshClusterFixture fixture) : IClassFixture<MeshClusterFixture>
{
    private ICatalogGrain Catalog => fixture.Client.GetGrain<ICatalogGrain>(GrainKeys.Catalog);

    [Fact]
    public async Task CommitOfTwoServicesAndThreeRoutes_IsOneVersion_AndOneHistoryEntryOfFiveChanges()
    {
        var before = await Catalog.GetHistoryAsync();

        var result = await Catalog.CommitAsync(Apply(replaceAll: false,
            Put(ResourceKinds.Service, "five-a", Specs.Service),
            Put(ResourceKinds.Service, "five-b", Specs.Service),
            Put(ResourceKinds.Route, "five-1", Specs.RouteTo("five-a")),
            Put(ResourceKinds.Route, "five-2", Specs.RouteTo("five-b")),
            Put(ResourceKinds.Route, "five-3", Specs.RouteTo("five-a"))));
        var after = await Catalog.GetHistoryAsync();

        Assert.Equal(WriteOutcome.Applied, result.Outcome);
        Assert.Equal(before.Length + 1, after.Length);
        Assert.Equal((result.Version, ChangeSource.Apply, 5), (after[0].Version, after[0].Source, after[0].Changes));
        Assert.Equal(result.Version, await Catalog.GetVersionAsync());
    }

    [Fact]
    public async Task DryRun_AnswersTheChanges_AndStoresNothing()
    {
        await Catalog.PutAsync(ResourceKinds.Service, "dry", Specs.Service);
        var version = await Catalog.GetVersionAsync();
        var history = await Catalog.GetHistoryAsync();

        var preview = await Catalog.CommitAsync(Apply(replaceAll: false, Put(ResourceKinds.Service, "dry", Specs.Service with { Timeout = TimeSpan.FromSeconds(7) })) with { DryRun = true });

        var change = Assert.Single(preview.Changes);
        Assert.Equal((ChangeKind.Update, "timeout"), (change.Change, change.Fields.Single()));
        Assert.Equal(version, await Catalog.GetVersionAsync());
        Assert.Equal(history.ToArray(), (await Catalog.GetHistoryAsync()).ToArray());
        Assert.Equal(TimeSpan.FromSeconds(30), (await Catalog.GetServiceSpecAsync("dry"))!.Timeout);
    }

    [Fact]
    public async Task EarlierVersion_IsRebuiltAsItWas_DiffNamesTheFields_AndRollbackRestoresIt()
    {
        var first = (await Catalog.CommitAsync(Apply(replaceAll: false,
            Put(ResourceKinds.Service, "roll", Specs.Service),
            Put(ResourceKinds.Route, "roll", Specs.RouteTo("roll"))))).Version;
        var firstConfig = await Catalog.GetConfigAsync();
        await Catalog.PutAsync(ResourceKinds.Route, "roll", Specs.RouteTo("roll") with { Order = 4 });
        var third = (await Catalog.CommitAsync(Apply(replaceAll: false, Put(ResourceKinds.Service, "roll-extra", Specs.Service)))).Version;

        var rebuilt = await Catalog.GetConfigAtAsync(first);
        var diff = await Catalog.DiffAsync(first, third);
        var rollback = await Catalog.RollbackAsync(first);
        var now = await Catalog.GetConfigAsync();
        var history = await Catalog.GetHistoryAsync();

        Assert.Equal(firstConfig.Resources.ToArray(), rebuilt!.Resources.ToArray());
        Assert.Equal(
            [(ResourceKinds.Route, "roll", ChangeKind.Update, "order"), (ResourceKinds.Service, "roll-extra", ChangeKind.Create, "")],
            diff!.Value.Select(c => (c.Key.Kind, c.Key.Name, c.Change, string.Join(",", c.Fields))));
        Assert.Equal(WriteOutcome.Applied, rollback!.Outcome);
        Assert.Equal(firstConfig.Resources.ToArray(), now.Resources.ToArray());
        Assert.Equal(ChangeSource.Rollback, history[0].Source);
        Assert.True(rollback.Version > third);
        Assert.Equal(0, (await Catalog.GetSnapshotAsync()).Routes["roll"].Order);
    }

    [Fact]
    public async Task UnknownVersion_HasNoDocumentNoDiffAndNoRollback()
    {
        Assert.Null(await Catalog.GetConfigAtAsync(42));
        Assert.Null(await Catalog.DiffAsync(42, await Catalog.GetVersionAsync()));
        Assert.Null(await Catalog.RollbackAsync(42));
    }

    [Fact]
    public async Task EndpointStateChanges_AddVersionsButNoHistory()
    {
        await Catalog.PutAsync(ResourceKinds.Service, "stateful", Specs.Service);
        var history = await Catalog.GetHistoryAsync();
        var version = await Catalog.GetVersionAsync();

        await Catalog.PutEndpointAsync("stateful", "self-registered", Specs.Endpoint(7003, TimeSpan.FromMinutes(1)));
        await Catalog.DrainEndpointAsync("stateful", "self-registered");
        await Catalog.DeleteEndpointAsync("stateful", "self-registered");

        Assert.True(await Catalog.GetVersionAsync() > version);
        Assert.Equal(history.ToArray(), (await Catalog.GetHistoryAsync()).ToArray());
    }

    [Fact]
    public async Task AThousandEndpointHealthFlips_AddNoHistoryEntry_AndReachWatchersAsDeltasNotSnapshots()
    {
        const int Flips = 1000;
        await Catalog.PutAsync(ResourceKinds.Service, "flapping", Specs.Service with { HealthCheck = Specs.Service.HealthCheck with { UnhealthyThreshold = 1, HealthyThreshold = 1 } });
        var sidecar = Specs.Endpoint(7005, TimeSpan.FromMinutes(1));
        await Catalog.PutEndpointAsync("flapping", "f1", sidecar with { Metadata = sidecar.Metadata.Add(EndpointMetadata.Sidecar, "f1") });
        var endpoint = fixture.Client.GetGrain<IEndpointGrain>(GrainKeys.Endpoint("flapping", "f1"));
        var history = await Catalog.GetHistoryAsync();
        var watcher = new RecordingObserver();
        var reference = fixture.Client.CreateObjectReference<ICatalogObserver>(watcher);
        var start = await Catalog.GetSnapshotAsync();
        await Catalog.SubscribeAsync(reference, start.Version);

        for (var i = 0; i < Flips; i++)
        {
            await endpoint.ReportProbeAsync(new ProbeResult(fixture.Time.GetUtcNow(), i % 2 == 1, "GET /healthz"));
        }

        var final = await Catalog.GetSnapshotAsync();
        var held = start;
        await Mesh.Testing.Eventually.HoldsAsync(
            () =>
            {
                while (watcher.TryTakeDelta(out var delta))
                {
                    held = delta!.ApplyTo(held) ?? throw new InvalidOperationException($"delta from {delta.BaseVersion} does not apply to {held.Version}");
                }

                return Task.FromResult(held.Version == final.Version);
            },
            "the watcher to hold the catalog's last version");
        Assert.Equal(history.ToArray(), (await Catalog.GetHistoryAsync()).ToArray());
        Assert.False(watcher.TryTake(out _), "a change of endpoint state pushed a whole snapshot");
        Assert.Equal(EndpointHealth.Healthy, held.Services["flapping"].Endpoints["f1"].Health);
        var (expected, actual) = (final.Services["flapping"].Endpoints["f1"], held.Services["flapping"].Endpoints["f1"]);
        Assert.Equal((expected.Health, expected.Revision, expected.Registration), (actual.Health, actual.Revision, actual.Registration));
        fixture.Client.DeleteObjectReference<ICatalogObserver>(reference);
    }

    [Fact]
    public async Task NoPushedSnapshot_ClaimsAVersionWhoseConfigurationItLacks()
    {
        var watcher = new RecordingObserver { AckDelay = TimeSpan.FromMilliseconds(2) };
        var reference = fixture.Client.CreateObjectReference<ICatalogObserver>(watcher);
        await Catalog.PutAsync(ResourceKinds.Service, "claims", Specs.Service);
        await Catalog.SubscribeAsync(reference, await Catalog.GetVersionAsync());
        var committed = new List<(long Version, string Route)>();

        for (var i = 0; i < 100; i++)
        {
            committed.Add(((await Catalog.PutAsync(ResourceKinds.Route, $"claims-{i}", Specs.RouteTo("claims"))).Version, $"claims-{i}"));
        }

        var received = new List<CatalogSnapshot>();
        await Mesh.Testing.Eventually.HoldsAsync(
            () =>
            {
                while (watcher.TryTake(out var snapshot))
                {
                    received.Add(snapshot!);
                }

                return Task.FromResult(received.Count > 0 && received[^1].Version >= committed[^1].Version);
            },
            "the watcher to receive the last commit");

        Assert.All(received, snapshot => Assert.All(committed.Where(c => c.Version <= snapshot.Version), c =>
            Assert.True(snapshot.Routes.ContainsKey(c.Route), $"snapshot {snapshot.Version} lacks {c.Route}, committed at {c.Version}")));
        fixture.Client.DeleteObjectReference<ICatalogObserver>(reference);
    }

    [Fact]
    public async Task SlowWatcher_GetsTheLatestSnapshot_NotAQueueOfStaleOnes()
    {
        var watcher = new RecordingObserver { Gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously) };
        var reference = fixture.Client.CreateObjectReference<ICatalogObserver>(watcher);
        await Catalog.SubscribeAsync(reference, await Catalog.GetVersionAsync());

        for (var i = 0; i < 20; i++)
        {
            await Catalog.PutAsync(ResourceKinds.Service, $"slow-{i}", Specs.Service);
        }

        var latest = await Catalog.GetVersionAsync();
        watcher.Gate.SetResult();
        var received = new List<CatalogSnapshot>();
        await Mesh.Testing.Eventually.HoldsAsync(
            () =>
            {
                while (watcher.TryTake(out var snapshot))
                {
                    received.Add(snapshot!);
                }

                return Task.FromResult(received.Count > 0 && received[^1].Version == latest);
            },
            "the slow watcher to receive the latest version");

        Assert.InRange(received.Count, 1, 2);
        Assert.Contains("slow-19", received[^1].Services.Keys);
        fixture.Client.DeleteObjectReference<ICatalogObserver>(reference);
    }

    [Fact]
    public async Task StaticEndpoint_IsConfiguration_InHistoryAndInTheDocument()
    {
        await Catalog.PutAsync(ResourceKinds.Service, "static", Specs.Service);
        var history = await Catalog.GetHistoryAsync();

        var put = await Catalog.PutEndpointAsync("static", "e1", Specs.Endpoint(7004));
        var config = await Catalog.GetConfigAsync();

        Assert.Equal(WriteOutcome.Applied, put.Outcome);
        Assert.Equal(history.Length + 1, (await Catalog.GetHistoryAsync()).Length);
        Assert.Contains(config.Resources, r => r.Key == new ResourceKey(ResourceKinds.Endpoint, "static/e1"));
        Assert.NotNull((await Catalog.GetSnapshotAsync()).Services["static"].Endpoints.GetValueOrDefault("e1"));
    }

    [Fact]
    public async Task History_SurvivesReactivationOfTheCatalog()
    {
        await Catalog.PutAsync(ResourceKinds.Service, "kept-history", Specs.Service);
        var history = await Catalog.GetHistoryAsync();
        var config = await Catalog.GetConfigAsync();

        await fixture.Cluster.Client.GetGrain<IManagementGrain>(0).ForceActivationCollection(TimeSpan.Zero);
        await Eventually(async () => await Catalog.GetVersionAsync() > config.Version);

        Assert.Equal(history.ToArray(), (await Catalog.GetHistoryAsync()).ToArray());
        Assert.Equal(config.Resources.ToArray(), (await Catalog.GetConfigAsync()).Resources.ToArray());
    }

    private static ResourcePut Put(string kind, string name, object spec) => new(new ResourceKey(kind, name), spec);

    private static ConfigCommit Apply(bool replaceAll, params ResourcePut[] puts) => new([.. puts], [], replaceAll, ChangeSource.Apply, DryRun: false);

    private static async Task Eventually(Func<Task<bool>> condition) =>
        await Mesh.Testing.Eventually.HoldsAsync(condition, "the catalog to activate again", TimeSpan.FromSeconds(20));
}
