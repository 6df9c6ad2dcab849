using System.Net;
using Grpc.Core;
using Grpc.Net.Client;
using Mesh.Deploy.Tests.Harness;
using Mesh.Samples.Greeter.V1;
using Mesh.Testing;
using Xunit.Abstractions;

namespace Mesh.Deploy.Tests.Launcher;

/// <summary><c>./mesh up | status | logs | down</c> as a developer runs it (with <c>--no-build</c>: the tests built everything).</summary>
public sealed class LauncherTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Up_ServesThroughTheEdge_StatusShowsEveryComponent_DownLeavesNoProcess()
    {
        await using var launcher = new LauncherRun();
        await using var backend = await Backend.StartAsync("orders");

        var up = await launcher.RunAsync("up", "--no-build");
        output.WriteLine(up.Output);

        Assert.True(up.ExitCode == 0, up.ToString());
        Assert.Contains($"edge          http://127.0.0.1:{launcher.EdgePort}", up.Output, StringComparison.Ordinal);
        Assert.Contains($"http://127.0.0.1:{launcher.AdminPorts[0]}/api-docs", up.Output, StringComparison.Ordinal);
        Assert.Contains($"http://127.0.0.1:{launcher.AdminPorts[0]}/dashboard/", up.Output, StringComparison.Ordinal);
        Assert.Equal(["edge", "silo-1"], launcher.RecordedPids().Keys.Order(StringComparer.Ordinal));
        await RouteThroughTheEdgeAsync(launcher, backend);
        await StatusShowsReadyAsync(launcher, "silo-1", "edge");
        var logs = await launcher.RunAsync("logs", "silo-1", "--no-follow");
        Assert.True(logs.ExitCode == 0 && logs.Output.Length > 0, logs.ToString());
        await DownLeavesNothingAsync(launcher);
    }

    [Fact]
    public async Task UpWithPostgres_RunsThreeSilosOnALocalDatabase_AndDownStopsItToo()
    {
        await using var launcher = new LauncherRun();
        await using var backend = await Backend.StartAsync("orders");

        var up = await launcher.RunAsync("up", "--postgres", "--no-build");
        output.WriteLine(up.Output);

        Assert.True(up.ExitCode == 0, up.ToString());
        Assert.Equal(["edge", "silo-1", "silo-2", "silo-3"], launcher.RecordedPids().Keys.Order(StringComparer.Ordinal));
        var postgresFolder = File.ReadAllLines(Path.Combine(launcher.StateDirectory, "run", "postgres.env"))
            .Single(l => l.StartsWith("MESH_PG_DIR=", StringComparison.Ordinal))["MESH_PG_DIR=".Length..];
        Assert.True(Directory.Exists(postgresFolder));
        await RouteThroughTheEdgeAsync(launcher, backend, launcher.AdminPorts[2]);
        await StatusShowsReadyAsync(launcher, "postgres", "silo-1", "silo-2", "silo-3", "edge");
        await DownLeavesNothingAsync(launcher);
        Assert.False(Directory.Exists(postgresFolder), $"{postgresFolder} is still there after ./mesh down");
    }

    [Fact]
    public async Task Up_WhenAPortIsTaken_FailsWithOneLineAndStartsNothing()
    {
        await using var launcher = new LauncherRun();
        await using var squatter = await Backend.StartAsync("squatter", launcher.EdgePort);

        var up = await launcher.RunAsync("up", "--no-build");

        Assert.Equal(1, up.ExitCode);
        Assert.Equal($"mesh: error: port {launcher.EdgePort} (MESH_EDGE_PORT) is already in use; stop what uses it or choose another port", up.Errors.Trim());
        Assert.Empty(launcher.RecordedPids());
    }

    [Fact]
    public async Task UpWithSamples_ServesOrdersAndTheGrpcGreeterThroughTheEdgeAndTheirSidecars_AndDownStopsThemToo()
    {
        await using var launcher = new LauncherRun();

        var up = await launcher.RunAsync("up", "--samples", "--no-build");
        output.WriteLine(up.Output);

        Assert.True(up.ExitCode == 0, up.ToString());
        Assert.Contains($"curl http://127.0.0.1:{launcher.EdgePort}/orders/42", up.Output, StringComparison.Ordinal);
        Assert.Equal(
            ["edge", "greeter", "greeter-sidecar", "inventory", "inventory-sidecar", "orders", "orders-sidecar", "silo-1"],
            launcher.RecordedPids().Keys.Order(StringComparer.Ordinal));
        using var edge = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{launcher.EdgePort}"), Timeout = TimeSpan.FromSeconds(10) };
        var response = await Eventually.ReturnsAsync(() => edge.GetAsync("/orders/42"), r => r.StatusCode == HttpStatusCode.OK, "the edge to route /orders/42");
        var order = await response.ReadJsonAsync();
        Assert.Equal("spiffe://mesh.local/service/edge", (string?)order["caller"]);
        Assert.Equal("spiffe://mesh.local/service/orders", (string?)order["inventory"]?["caller"]);
        using var channel = GrpcChannel.ForAddress($"http://127.0.0.1:{launcher.EdgePort}");
        var greeter = new Greeter.GreeterClient(channel);
        var hello = (await Eventually.ReturnsAsync(
            async () =>
            {
                try
                {
                    return await greeter.SayHelloAsync(new HelloRequest { Name = "mesh" }, deadline: DateTime.UtcNow.AddSeconds(10));
                }
                catch (RpcException e) when (e.StatusCode is StatusCode.Unavailable or StatusCode.Unimplemented or StatusCode.PermissionDenied)
                {
                    // Until the sidecar's endpoint is healthy, the route and policy applied: then never again.
                    return null;
                }
            },
            reply => reply is not null,
            "the edge to route gRPC calls to the greeter"))!;
        using var stream = greeter.StreamGreetings(new HelloRequest { Name = "mesh", Count = 3 });
        var greetings = await stream.ResponseStream.ReadAllAsync().Select(r => r.Message).ToListAsync();
        Assert.Equal("Hello, mesh!", hello.Message);
        Assert.Equal("spiffe://mesh.local/service/edge", hello.Caller);
        Assert.Equal(["Hello #1, mesh!", "Hello #2, mesh!", "Hello #3, mesh!"], greetings);
        await StatusShowsReadyAsync(launcher, "silo-1", "edge", "inventory", "orders", "greeter", "inventory-sidecar", "orders-sidecar", "greeter-sidecar");
        await DownLeavesNothingAsync(launcher);
    }

    [Fact]
    public async Task UpWithSamples_WhenASamplePortIsTaken_FailsWithOneLineAndStartsNothing()
    {
        await using var launcher = new LauncherRun();
        await using var squatter = await Backend.StartAsync("squatter", launcher.AppPorts[1]);

        var up = await launcher.RunAsync("up", "--samples", "--no-build");

        Assert.Equal(1, up.ExitCode);
        Assert.Equal($"mesh: error: port {launcher.AppPorts[1]} (MESH_APP_PORTS) is already in use; stop what uses it or choose another port", up.Errors.Trim());
        Assert.Empty(launcher.RecordedPids());
    }

    /// <summary>Configures a route to <paramref name="backend"/> through one silo's admin API and calls it through the edge.</summary>
    private static async Task RouteThroughTheEdgeAsync(LauncherRun launcher, Backend backend, int? adminPort = null)
    {
        using var admin = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{adminPort ?? launcher.AdminPorts[0]}") };
        using var edge = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{launcher.EdgePort}"), Timeout = TimeSpan.FromSeconds(5) };
        await AdminWrites.ConfigureServiceAndRouteAsync(admin, "orders", backend);

        var response = await Eventually.ReturnsAsync(() => edge.GetAsync("/orders/7"), r => r.StatusCode == HttpStatusCode.OK, "the edge to route /orders/7");

        Assert.Equal("orders /orders/7", await response.Content.ReadAsStringAsync());
    }

    private static async Task StatusShowsReadyAsync(LauncherRun launcher, params string[] components)
    {
        var status = await launcher.RunAsync("status");

        Assert.True(status.ExitCode == 0, status.ToString());
        foreach (var component in components)
        {
            Assert.Matches($@"(?m)^  {component} +running +(ready|answers)", status.Output);
        }
    }

    private static async Task DownLeavesNothingAsync(LauncherRun launcher)
    {
        var pids = launcher.RecordedPids();

        var down = await launcher.RunAsync("down");

        Assert.True(down.ExitCode == 0, down.ToString());
        Assert.NotEmpty(pids);
        Assert.All(pids, p => Assert.False(LauncherRun.IsRunning(p.Value), $"{p.Key} (pid {p.Value}) still runs after ./mesh down"));
        Assert.Empty(launcher.RecordedPids());
        Assert.Equal(3, (await launcher.RunAsync("status")).ExitCode);
    }
}
