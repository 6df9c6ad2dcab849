using System.Net;
using System.Net.Sockets;
using Grpc.Health.V1;
using Mesh.Contracts.Services;
using Mesh.Hosting.Health;
using Mesh.Testing;

namespace Mesh.Silo.Tests.Health;

/// <summary>The health probe against real servers: each protocol, and words for what it found that an operator can act on.</summary>
public sealed class EndpointProberTests : IDisposable
{
    private readonly EndpointProber _prober = new(TimeProvider.System);

    [Fact]
    public async Task Http_AnsweredWithinTheExpectedStatuses_Passes_SayingTheStatus()
    {
        await using var backend = await TestBackend.StartAsync("healthy");

        var result = await ProbeAsync(backend.Address, HealthCheckSpec.Default);

        Assert.True(result.Passed);
        Assert.Equal("GET /healthz → 200", result.Result);
    }

    [Fact]
    public async Task Http_AnsweredOutsideTheExpectedStatuses_Fails_SayingTheStatus()
    {
        await using var backend = await TestBackend.StartAsync("no-health-path");
        backend.HealthAnswers(404);

        var result = await ProbeAsync(backend.Address, HealthCheckSpec.Default);

        Assert.False(result.Passed);
        Assert.Equal("GET /healthz → 404", result.Result);
    }

    [Theory]
    [InlineData(426, 200, 426, true)]
    [InlineData(426, 200, 425, false)]
    [InlineData(204, 204, 204, true)]
    [InlineData(500, 200, 599, true)]
    public async Task Http_ExpectedStatuses_AreAnInclusiveRange(int answered, int min, int max, bool passes)
    {
        await using var backend = await TestBackend.StartAsync("ranged");
        backend.HealthAnswers(answered);

        var result = await ProbeAsync(backend.Address, HealthCheckSpec.Default with { ExpectedStatusMin = min, ExpectedStatusMax = max });

        Assert.Equal(passes, result.Passed);
    }

    [Fact]
    public async Task Http_OnAPortNothingListensOn_Fails_SayingConnectionRefused()
    {
        var result = await ProbeAsync($"http://127.0.0.1:{FreePort.Next()}", HealthCheckSpec.Default);

        Assert.False(result.Passed);
        Assert.Equal("GET /healthz → connection refused", result.Result);
    }

    [Fact]
    public async Task Http_ToAServerThatNeverAnswers_FailsAfterTheTimeout_SayingSo()
    {
        using var silent = new TcpListener(IPAddress.Loopback, 0);
        silent.Start();
        var check = HealthCheckSpec.Default with { Timeout = TimeSpan.FromMilliseconds(300) };

        var result = await ProbeAsync($"http://127.0.0.1:{((IPEndPoint)silent.LocalEndpoint).Port}", check);

        Assert.False(result.Passed);
        Assert.Equal("GET /healthz → timed out after 300ms", result.Result);
    }

    [Fact]
    public async Task Tcp_PassesWhenSomethingListens_AndFailsSayingConnectionRefusedWhenNothingDoes()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var check = HealthCheckSpec.Default with { Protocol = HealthCheckProtocol.Tcp };

        var listening = await ProbeAsync($"http://127.0.0.1:{((IPEndPoint)listener.LocalEndpoint).Port}", check);
        var closed = await ProbeAsync($"http://127.0.0.1:{FreePort.Next()}", check);

        Assert.True(listening.Passed);
        Assert.Equal("TCP connect → connected", listening.Result);
        Assert.False(closed.Passed);
        Assert.Equal("TCP connect → connection refused", closed.Result);
    }

    [Fact]
    public async Task Grpc_UsesTheStandardHealthService_PassingOnlyWhenServing()
    {
        await using var server = await GrpcBackend.StartAsync();
        var check = HealthCheckSpec.Default with { Protocol = HealthCheckProtocol.Grpc };

        var serving = await ProbeAsync(server.Address, check);
        server.SetStatus(HealthCheckResponse.Types.ServingStatus.NotServing);
        var notServing = await ProbeAsync(server.Address, check);

        Assert.True(serving.Passed, serving.Result);
        Assert.Equal("gRPC Health/Check → SERVING", serving.Result);
        Assert.False(notServing.Passed);
        Assert.Equal("gRPC Health/Check → NOT_SERVING", notServing.Result);
    }

    [Fact]
    public async Task Grpc_AgainstAServerWithoutTheHealthService_Fails_SayingSo()
    {
        await using var server = await GrpcBackend.StartAsync(withHealthService: false);

        var result = await ProbeAsync(server.Address, HealthCheckSpec.Default with { Protocol = HealthCheckProtocol.Grpc });

        Assert.False(result.Passed);
        Assert.Equal("gRPC Health/Check → UNIMPLEMENTED (no gRPC health service)", result.Result);
    }

    [Fact]
    public async Task Grpc_OnAPortNothingListensOn_Fails_SayingConnectionRefused()
    {
        var result = await ProbeAsync($"http://127.0.0.1:{FreePort.Next()}", HealthCheckSpec.Default with { Protocol = HealthCheckProtocol.Grpc });

        Assert.False(result.Passed);
        Assert.Equal("gRPC Health/Check → connection refused", result.Result);
    }

    [Fact]
    public async Task OneProber_ProbesEveryProtocolInTurn_AsASiloDoesForAllItsEndpoints()
    {
        await using var backend = await TestBackend.StartAsync("mixed");
        await using var server = await GrpcBackend.StartAsync();
        var grpc = HealthCheckSpec.Default with { Protocol = HealthCheckProtocol.Grpc };

        var results = new[]
        {
            await ProbeAsync(backend.Address, HealthCheckSpec.Default),
            await ProbeAsync(server.Address, grpc),
            await ProbeAsync(backend.Address, HealthCheckSpec.Default with { Protocol = HealthCheckProtocol.Tcp }),
            await ProbeAsync(server.Address, grpc),
            await ProbeAsync(backend.Address, HealthCheckSpec.Default),
        };

        Assert.All(results, r => Assert.True(r.Passed, r.Result));
    }

    public void Dispose() => _prober.Dispose();

    private Task<Mesh.Contracts.Endpoints.ProbeResult> ProbeAsync(string address, HealthCheckSpec check) =>
        _prober.ProbeAsync(new Uri(address), check, CancellationToken.None);
}
