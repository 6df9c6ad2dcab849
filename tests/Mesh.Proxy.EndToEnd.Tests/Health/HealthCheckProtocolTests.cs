using System.Net;
using Grpc.Health.V1;
using Mesh.Proxy.EndToEnd.Tests.Harness;
using Mesh.Testing;

namespace Mesh.Proxy.EndToEnd.Tests.Health;

/// <summary>
/// Health checks that fit every backend: switched off, other healthy statuses, TCP and gRPC probes; and a 503
/// that says, endpoint by endpoint, why there is nothing to send to.
/// </summary>
[Collection(EdgeCollection.Name)]
public sealed class HealthCheckProtocolTests(EdgeFixture edge)
{
    private const string Quick = "\"interval\": \"500ms\", \"timeout\": \"500ms\", \"unhealthyThreshold\": 1";
    private const string NoOutliersNoRetries = "\"outlierDetection\": { \"consecutiveFailures\": 1000 }, \"retry\": { \"attempts\": 0 }";

    [Fact]
    public async Task BackendWithoutAHealthPath_IsUnhealthy_The503NamesTheProbe_AndSwitchingChecksOffMakesItRoutable()
    {
        await using var backend = await TestBackend.StartAsync("no-healthz");
        backend.HealthAnswers(404);
        var name = await RouteToAsync("nohealth", $$"""{ "healthCheck": { {{Quick}} }, {{NoOutliersNoRetries}} }""", backend.Name, backend.Address);
        await edge.Admin.WaitForEndpointHealthAsync(name, backend.Name, "unhealthy");
        await SyncAsync();

        var refused = await Served.ReadAsync(await edge.Proxy.Http.GetAsync($"/{name}/x"));
        var endpoint = await edge.Admin.EndpointAsync(name, backend.Name);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.Status);
        Assert.Contains($"service '{name}': endpoint '{backend.Name}' unhealthy: GET /healthz → 404 at ", refused.Body, StringComparison.Ordinal);
        Assert.Equal("GET /healthz → 404", (string?)endpoint!["lastProbe"]!["result"]);
        Assert.NotNull((string?)endpoint["lastProbe"]!["at"]);

        await edge.SyncAsync(await edge.Admin.PutServiceAsync(name, $$"""{ "healthCheck": { "enabled": false }, {{NoOutliersNoRetries}} }"""));
        await edge.Admin.WaitForEndpointHealthAsync(name, backend.Name, "unknown");
        await SyncAsync();
        var checks = backend.HealthChecks;

        Assert.Equal(HttpStatusCode.OK, (await edge.Proxy.Http.GetAsync($"/{name}/x")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await edge.SecondProxy.Http.GetAsync($"/{name}/x")).StatusCode);
        Assert.Equal(checks, backend.HealthChecks);
    }

    [Fact]
    public async Task ExpectedStatuses_LetABackendThatAnswers426BeHealthy()
    {
        await using var backend = await TestBackend.StartAsync("upgrade-only");
        backend.HealthAnswers(426);
        var name = await RouteToAsync("ws", $$"""{ "healthCheck": { "path": "/healthz", "expectedStatuses": [200, 426], {{Quick}} }, {{NoOutliersNoRetries}} }""", backend.Name, backend.Address);

        await edge.Admin.WaitForEndpointHealthAsync(name, backend.Name, "healthy");
        var endpoint = await edge.Admin.EndpointAsync(name, backend.Name);

        Assert.Equal("GET /healthz → 426", (string?)endpoint!["lastProbe"]!["result"]);
        Assert.Equal(HttpStatusCode.OK, (await edge.Proxy.Http.GetAsync($"/{name}/x")).StatusCode);
    }

    [Fact]
    public async Task TcpCheck_FollowsWhetherTheEndpointAcceptsConnections_AndThe503SaysConnectionRefused()
    {
        await using var backend = await TestBackend.StartAsync("tcp-only");
        backend.HealthAnswers(404);
        var name = await RouteToAsync("tcp", $$"""{ "healthCheck": { "protocol": "tcp", {{Quick}} }, {{NoOutliersNoRetries}} }""", backend.Name, backend.Address);
        await edge.Admin.WaitForEndpointHealthAsync(name, backend.Name, "healthy");

        await backend.StopAsync();
        await edge.Admin.WaitForEndpointHealthAsync(name, backend.Name, "unhealthy");
        await SyncAsync();
        var refused = await Served.ReadAsync(await edge.Proxy.Http.GetAsync($"/{name}/x"));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.Status);
        Assert.Contains($"endpoint '{backend.Name}' unhealthy: TCP connect → connection refused at ", refused.Body, StringComparison.Ordinal);

        await backend.StartAsync();
        await edge.Admin.WaitForEndpointHealthAsync(name, backend.Name, "healthy");
    }

    [Fact]
    public async Task GrpcCheck_FollowsTheStandardHealthServiceOfARealGrpcServer()
    {
        await using var server = await GrpcBackend.StartAsync();
        var name = await RouteToAsync("grpc", $$"""{ "healthCheck": { "protocol": "grpc", {{Quick}} }, {{NoOutliersNoRetries}} }""", "grpc-1", server.Address);
        await edge.Admin.WaitForEndpointHealthAsync(name, "grpc-1", "healthy");
        var serving = await edge.Admin.EndpointAsync(name, "grpc-1");

        server.SetStatus(HealthCheckResponse.Types.ServingStatus.NotServing);
        await edge.Admin.WaitForEndpointHealthAsync(name, "grpc-1", "unhealthy");
        var notServing = await edge.Admin.EndpointAsync(name, "grpc-1");

        Assert.Equal("gRPC Health/Check → SERVING", (string?)serving!["lastProbe"]!["result"]);
        Assert.Equal("gRPC Health/Check → NOT_SERVING", (string?)notServing!["lastProbe"]!["result"]);
    }

    [Fact]
    public async Task DrainedEndpoint_IsNamedAsDrainingInThe503()
    {
        await using var backend = await TestBackend.StartAsync("drained");
        var name = await RouteToAsync("drain503", $$"""{ "healthCheck": { {{Quick}} }, {{NoOutliersNoRetries}} }""", backend.Name, backend.Address);

        await edge.SyncAsync(await edge.Admin.DrainEndpointAsync(name, backend.Name));
        var refused = await Served.ReadAsync(await edge.Proxy.Http.GetAsync($"/{name}/x"));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.Status);
        Assert.Contains($"service '{name}': endpoint '{backend.Name}' draining", refused.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ServiceWithNoEndpoints_The503SaysNoneAreRegistered()
    {
        var name = Names.Unique("empty");
        await edge.Admin.PutServiceAsync(name);
        await edge.PutRouteAndSyncAsync(name, $$"""{ "match": { "path": "/{{name}}/{**rest}" }, "backends": [ { "service": "{{name}}" } ] }""");

        var refused = await Served.ReadAsync(await edge.Proxy.Http.GetAsync($"/{name}/x"));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, refused.Status);
        Assert.Contains($"service '{name}': no endpoints registered", refused.Body, StringComparison.Ordinal);
    }

    private async Task<string> RouteToAsync(string prefix, string spec, string endpointId, string address)
    {
        var name = Names.Unique(prefix);
        await edge.Admin.PutServiceAsync(name, spec);
        await edge.Admin.PutEndpointAsync(name, endpointId, address);
        await edge.PutRouteAndSyncAsync(name, $$"""{ "match": { "path": "/{{name}}/{**rest}" }, "backends": [ { "service": "{{name}}" } ] }""");
        return name;
    }

    /// <summary>Both proxies hold the catalog as it is now (health changes reach them as new versions).</summary>
    private async Task SyncAsync() => await edge.SyncAsync(await edge.Admin.CatalogVersionAsync());
}
