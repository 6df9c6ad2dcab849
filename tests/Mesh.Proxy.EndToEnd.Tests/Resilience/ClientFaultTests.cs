using System.Net;
using System.Text.Json.Nodes;
using Mesh.Proxy.EndToEnd.Tests.Harness;
using Mesh.Testing;

namespace Mesh.Proxy.EndToEnd.Tests.Resilience;

/// <summary>
/// Blame only the guilty: what a client does (hang up, send too much, abandon an upload) never moves the
/// service's mesh-wide circuit, its endpoints' outlier counts or their health. Each test drives 30 such requests
/// at a service whose circuit would open after 10 failures in its window and whose endpoints would be ejected
/// after 5 in a row, then sends successes and waits until the circuit grain has counted exactly those: had a
/// single client fault been reported, the count (or the state, or an ejection) would show it.
/// </summary>
[Collection(EdgeCollection.Name)]
public sealed class ClientFaultTests(EdgeFixture edge)
{
    private const int Faults = 30;
    private const int Successes = 12;
    private const int BodyLimit = 1024;

    private const string Spec = """
        { "retry": { "attempts": 0 }, "healthCheck": { "interval": "500ms" },
          "outlierDetection": { "consecutiveFailures": 5, "maxEjectionPercent": 50, "baseEjection": "1m" },
          "circuitBreaker": { "failureRatio": 0.5, "minimumThroughput": 10, "window": "1m", "breakDuration": "1m" } }
        """;

    [Fact]
    public async Task ClientsHangingUpOnASlowEndpoint_LeaveTheCircuitClosed_AndTheEndpointsHealthyAndInService()
    {
        await using var service = await ServiceAsync("hangup");
        service.Slow(TimeSpan.FromSeconds(10));

        var hangUps = await GiveUpOnceAllArrivedAsync(service, (_, token) => edge.Proxy.Http.GetAsync($"/{service.Name}/slow", token), _ => true);

        Assert.All(hangUps, Assert.True);
        await AssertNothingCountedAsync(service, "client_closed");
    }

    [Fact]
    public async Task UploadsOverTheRoutesBodyLimit_Answer413_AndLeaveTheCircuitClosed()
    {
        await using var service = await ServiceAsync("toolarge", BodyLimit);
        var declared = new byte[BodyLimit * 4];
        var streamed = new byte[BodyLimit * 64];

        var answers = await Task.WhenAll(Enumerable.Range(0, Faults).Select(async i =>
        {
            using var content = i % 2 == 0 ? new ByteArrayContent(declared) : (HttpContent)new ChunkedContent(streamed);
            using var response = await edge.Proxy.Http.PostAsync($"/{service.Name}/upload", content);
            return (response.StatusCode, Body: await response.Content.ReadAsStringAsync(), Chunked: i % 2 == 1);
        }));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.RequestEntityTooLarge, a.StatusCode));
        Assert.All(answers, a => Assert.Contains($"route '{service.Name}' accepts request bodies of at most {BodyLimit} bytes", a.Body, StringComparison.Ordinal));
        Assert.All(service.Requests, r => Assert.True(r.BodyLength <= BodyLimit * 2, $"an upstream received {r.BodyLength} bytes of a body over the limit"));
        await AssertNothingCountedAsync(service, "request_too_large");
    }

    [Fact]
    public async Task UploadsTheClientAbandons_LeaveTheCircuitClosed_AndTheEndpointsHealthyAndInService()
    {
        await using var service = await ServiceAsync("abandoned");

        var uploads = Enumerable.Range(0, Faults).Select(_ => new StalledContent(8 * 1024)).ToArray();
        var abandoned = await GiveUpOnceAllArrivedAsync(
            service, (i, token) => edge.Proxy.Http.PostAsync($"/{service.Name}/upload", uploads[i], token), i => uploads[i].Stalled);
        foreach (var upload in uploads)
        {
            upload.Dispose();
        }

        Assert.All(abandoned, Assert.True);
        await AssertNothingCountedAsync(service, "client_closed");
    }

    private async Task<FaultedService> ServiceAsync(string prefix, long? bodyLimit = null)
    {
        var name = Names.Unique(prefix);
        var backends = new[] { await TestBackend.StartAsync(name + "-a"), await TestBackend.StartAsync(name + "-b") };
        await edge.PutServiceAsync(name, Spec, backends);
        var limit = bodyLimit is { } bytes ? $$""", "maxRequestBodyBytes": {{bytes}}""" : string.Empty;
        await edge.PutRouteAndSyncAsync(name, $$"""{ "match": { "path": "/{{name}}/{**rest}" }, "backends": [ { "service": "{{name}}" } ]{{limit}} }""");
        await Task.WhenAll(backends.Select(b => edge.Admin.WaitForEndpointHealthAsync(name, b.Name, "healthy")));
        return new FaultedService(name, backends);
    }

    /// <summary>
    /// Sends <see cref="Faults"/> requests and hangs up on all of them once every one has reached an endpoint
    /// (a request the proxy had not read yet would say nothing about how it judges a client that went away).
    /// True for each request the client gave up on before the proxy answered it and that <paramref name="stalled"/> holds for.
    /// </summary>
    private static async Task<bool[]> GiveUpOnceAllArrivedAsync(FaultedService service, Func<int, CancellationToken, Task<HttpResponseMessage>> send, Func<int, bool> stalled)
    {
        using var giveUp = new CancellationTokenSource();
        var requests = Enumerable.Range(0, Faults).Select(async i =>
        {
            try
            {
                using var response = await send(i, giveUp.Token);
                return false;
            }
            catch (OperationCanceledException)
            {
                return stalled(i);
            }
        }).ToArray();

        try
        {
            await Eventually.HoldsAsync(() => Task.FromResult(service.Arrived >= Faults), "every request to reach an endpoint before the client gives up");
        }
        finally
        {
            await giveUp.CancelAsync();
        }

        return await Task.WhenAll(requests);
    }

    private async Task AssertNothingCountedAsync(FaultedService service, string faultKind)
    {
        service.Healthy();
        var served = await Burst.GetAsync(edge.Proxy.Http, $"/{service.Name}/after", Successes);
        Assert.All(served, s => Assert.Equal(HttpStatusCode.OK, s.Status));

        // The reporter sends what it holds at least every 250 ms: once the successes are in, whatever came before is too.
        var circuit = await Eventually.ReturnsAsync(
            async () => JsonNode.Parse(await edge.Admin.GetStringAsync($"/api/v1/circuits/{service.Name}"))!,
            c => (int)c["requests"]! >= Successes,
            "the circuit grain to count the successes");
        Assert.Equal("closed", (string?)circuit["state"]);
        Assert.Equal(Successes, (int)circuit["requests"]!);
        Assert.Equal(0, (double)circuit["failureRatio"]!);

        foreach (var backend in service.Backends)
        {
            var endpoint = await edge.Admin.EndpointAsync(service.Name, backend.Name);
            Assert.Equal("healthy", (string?)endpoint!["health"]);
            Assert.Null((string?)endpoint["ejectedUntil"]);
        }

        // The proxy counts a fault once it has finished with the request, which for a client that went away can come after the successes.
        try
        {
            await Eventually.HoldsAsync(
                async () => ClientFaults(await edge.Proxy.MetricsAsync(), service.Name, faultKind) >= Faults,
                $"the proxy's metrics to count {Faults} client faults of kind {faultKind} for {service.Name}");
        }
        catch (TimeoutException timeout)
        {
            var counted = (await edge.Proxy.MetricsAsync()).Split('\n')
                .Where(l => l.StartsWith("mesh_proxy_client_faults_total{", StringComparison.Ordinal) && l.Contains($"route=\"{service.Name}\"", StringComparison.Ordinal));
            throw new TimeoutException($"{timeout.Message}; the route's client faults by kind:\n{string.Join('\n', counted)}", timeout);
        }
    }

    /// <summary>By route: a body refused for its declared length is refused before any service is chosen.</summary>
    private static double ClientFaults(string metrics, string route, string kind) =>
        metrics.Split('\n')
            .Where(l => l.StartsWith("mesh_proxy_client_faults_total{", StringComparison.Ordinal)
                && l.Contains($"kind=\"{kind}\"", StringComparison.Ordinal) && l.Contains($"route=\"{route}\"", StringComparison.Ordinal))
            .Sum(l => double.Parse(l[(l.LastIndexOf('}') + 1)..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture));

    private sealed class FaultedService(string name, TestBackend[] backends) : IAsyncDisposable
    {
        public string Name { get; } = name;

        public IReadOnlyList<TestBackend> Backends { get; } = backends;

        public int Arrived => backends.Sum(b => b.Arrived);

        public IEnumerable<ReceivedRequest> Requests => backends.SelectMany(b => b.Requests);

        public void Slow(TimeSpan delay)
        {
            foreach (var backend in backends)
            {
                backend.Delay(delay);
            }
        }

        public void Healthy()
        {
            foreach (var backend in backends)
            {
                backend.Healthy();
            }
        }

        public async ValueTask DisposeAsync()
        {
            foreach (var backend in backends)
            {
                await backend.DisposeAsync();
            }
        }
    }

    /// <summary>An upload of unknown length that sends its first bytes, then waits until the client gives up.</summary>
    private sealed class StalledContent(int firstBytes) : HttpContent
    {
        public bool Stalled { get; private set; }

        protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
            SerializeToStreamAsync(stream, context, CancellationToken.None);

        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken)
        {
            await stream.WriteAsync(new byte[firstBytes], cancellationToken);
            await stream.FlushAsync(cancellationToken);
            Stalled = true;
            await Task.Delay(Timeout.InfiniteTimeSpan, cancellationToken);
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }
}
