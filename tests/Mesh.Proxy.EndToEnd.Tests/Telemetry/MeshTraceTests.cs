using System.Net;
using System.Security.Cryptography;
using Mesh.Proxy.EndToEnd.Tests.ServiceMesh;
using Mesh.Testing;
using Mesh.Testing.Otlp;
using Xunit.Abstractions;

namespace Mesh.Proxy.EndToEnd.Tests.Telemetry;

/// <summary>
/// One request through the whole sample mesh (edge → orders' sidecar → orders → orders' sidecar → inventory's
/// sidecar → inventory, mTLS between the sidecars), every program exporting its spans to a real OTLP/HTTP receiver.
/// </summary>
public sealed class MeshTraceTests(ITestOutputHelper output)
{
    private const string Proxy = "mesh-proxy";

    [Fact]
    public async Task ARequestThroughTheEdgeBothSidecarsAndBothApps_IsOneTrace_WhoseHopsChainInCallOrder()
    {
        await using var collector = await OtlpCollector.StartAsync();
        var mesh = new MeshFixture(collector.ExportArguments);
        try
        {
            await mesh.InitializeAsync();
            var traceId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
            var callerSpanId = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
            using var request = new HttpRequestMessage(HttpMethod.Get, "/orders/7");
            request.Headers.Add("traceparent", $"00-{traceId}-{callerSpanId}-01");

            using var response = await mesh.Edge.Http.SendAsync(request);

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            IReadOnlyList<ExportedSpan> chain = [];
            await Eventually.HoldsAsync(
                () =>
                {
                    var trace = collector.Trace(traceId);
                    chain = ChainUpFromInventory(trace);
                    return Task.FromResult(chain.Count > 0 && chain[^1].ParentSpanId == callerSpanId && EveryParentIsKnown(trace, callerSpanId));
                },
                "every program's spans of the request to arrive, chained from inventory back to the caller");

            foreach (var span in collector.Trace(traceId))
            {
                output.WriteLine(span.ToString());
            }

            Assert.Equal(
                ["inventory", $"{Proxy}/inventory-1", $"{Proxy}/orders-1", "orders", $"{Proxy}/orders-1", $"{Proxy}/edge"],
                Hops(chain));
            Assert.Equal("server", chain[0].Kind);
            Assert.Equal("server", chain[^1].Kind);
            var edge = chain[^1].Resource;
            Assert.Equal(("edge", "edge"), (edge["mesh.proxy.mode"], edge["mesh.identity"]));
            var ordersSidecar = chain.First(span => span.ServiceInstance == "orders-1").Resource;
            Assert.Equal(("sidecar", "orders"), (ordersSidecar["mesh.proxy.mode"], ordersSidecar["mesh.identity"]));
            var inventorySidecar = chain.First(span => span.ServiceInstance == "inventory-1").Resource;
            Assert.Equal(("sidecar", "inventory"), (inventorySidecar["mesh.proxy.mode"], inventorySidecar["mesh.identity"]));
            Assert.Empty(collector.Rejected);
        }
        finally
        {
            await mesh.DisposeAsync();
        }
    }

    /// <summary>From inventory's server span up through each parent, as far as the received spans reach.</summary>
    private static List<ExportedSpan> ChainUpFromInventory(IReadOnlyList<ExportedSpan> trace)
    {
        var byId = trace.GroupBy(span => span.SpanId).ToDictionary(group => group.Key, group => group.First());
        var chain = new List<ExportedSpan>();
        for (var span = trace.FirstOrDefault(s => s.ServiceName == "inventory" && s.Kind == "server");
             span is not null && chain.Count <= trace.Count;
             span = byId.GetValueOrDefault(span.ParentSpanId))
        {
            chain.Add(span);
        }

        return chain;
    }

    private static bool EveryParentIsKnown(IReadOnlyList<ExportedSpan> trace, string callerSpanId)
    {
        var ids = trace.Select(span => span.SpanId).ToHashSet();
        return trace.All(span => span.ParentSpanId == callerSpanId || ids.Contains(span.ParentSpanId));
    }

    /// <summary>The programs the chain passes through, innermost first, one entry per consecutive run of spans.</summary>
    private static List<string> Hops(IEnumerable<ExportedSpan> chain)
    {
        var hops = new List<string>();
        foreach (var program in chain.Select(span => span.ServiceName == Proxy ? $"{Proxy}/{span.ServiceInstance}" : span.ServiceName))
        {
            if (hops.Count == 0 || hops[^1] != program)
            {
                hops.Add(program);
            }
        }

        return hops;
    }
}
