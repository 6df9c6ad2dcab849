using Mesh.Contracts;
using Mesh.Contracts.Catalog;
using Mesh.Contracts.Configuration;
using Mesh.Contracts.Endpoints;
using Mesh.Contracts.Services;
using Mesh.Silo.Tests.Catalog;
using Mesh.Silo.Tests.Harness;
using Mesh.Testing;

namespace Mesh.Silo.Tests.Endpoints;

/// <summary>An endpoint registered by a sidecar speaks mTLS: its sidecar health-checks the app and reports, the silo does not probe.</summary>
public sealed class SidecarHealthTests(MeshClusterFixture fixture) : IClassFixture<MeshClusterFixture>
{
    private ICatalogGrain Catalog => fixture.Client.GetGrain<ICatalogGrain>(GrainKeys.Catalog);

    [Fact]
    public async Task SidecarEndpoint_IsNotProbedByTheSilo_AndTakesItsHealthFromTheSidecarsReports()
    {
        await using var plain = await TestBackend.StartAsync("plain");
        await using var meshed = await TestBackend.StartAsync("meshed");
        var check = HealthCheckSpec.Default with { Interval = TimeSpan.FromMilliseconds(200), UnhealthyThreshold = 2, HealthyThreshold = 1 };
        await Catalog.PutAsync(ResourceKinds.Service, "sidecar-health", Specs.Service with { HealthCheck = check });
        await Catalog.PutEndpointAsync("sidecar-health", "plain", Specs.Endpoint(plain.Port));
        var sidecar = Specs.Endpoint(meshed.Port, TimeSpan.FromSeconds(30));
        await Catalog.PutEndpointAsync("sidecar-health", "meshed", sidecar with { Metadata = sidecar.Metadata.Add(EndpointMetadata.Sidecar, "meshed") });
        var grain = fixture.Client.GetGrain<IEndpointGrain>(GrainKeys.Endpoint("sidecar-health", "meshed"));

        await Eventually.HoldsAsync(() => Task.FromResult(plain.HealthChecks >= 3), "the silo to probe the plain endpoint three times");
        var probedMeshed = meshed.HealthChecks;
        var unreported = (await grain.GetStatusAsync())!.Health;
        var afterPass = (await grain.ReportProbeAsync(Probe(true)))!.Health;
        await grain.ReportProbeAsync(Probe(false));
        var afterTwoFailures = await grain.ReportProbeAsync(Probe(false, "GET /healthz → 503"));

        Assert.Equal(0, probedMeshed);
        Assert.Equal(EndpointHealth.Unknown, unreported);
        Assert.Equal(EndpointHealth.Healthy, afterPass);
        Assert.Equal(EndpointHealth.Unhealthy, afterTwoFailures!.Health);
        Assert.Equal("GET /healthz → 503", afterTwoFailures.LastProbe?.Result);
        await Eventually.HoldsAsync(
            async () => (await Catalog.GetSnapshotAsync()).Services["sidecar-health"].Endpoints["meshed"] is { Health: EndpointHealth.Unhealthy, LastProbe.Result: "GET /healthz → 503" },
            "the catalog to hold the reported health and the probe that made it so");
    }

    [Fact]
    public async Task HealthReport_ForAnEndpointThatIsNotRegistered_AnswersNullSoTheSidecarRegistersAgain()
    {
        var grain = fixture.Client.GetGrain<IEndpointGrain>(GrainKeys.Endpoint("sidecar-health", "never"));

        Assert.Null(await grain.ReportProbeAsync(Probe(true)));
    }

    private ProbeResult Probe(bool passed, string result = "GET /healthz → 200") => new(fixture.Time.GetUtcNow(), passed, result);
}
