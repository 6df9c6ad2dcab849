using System.Net;
using System.Text.Json.Nodes;
using Mesh.Testing;

namespace Mesh.Proxy.EndToEnd.Tests.Harness;

/// <summary>What a client saw for one request: the status, which backend answered (its header) and which proxy.</summary>
public sealed record Served(HttpStatusCode Status, string? Backend, string? Proxy, string Body)
{
    public static async Task<Served> ReadAsync(HttpResponseMessage response) => new(
        response.StatusCode,
        ProxyAssert.Header(response, TestBackend.NameHeader),
        ProxyAssert.Header(response, ProxyProcess.ProxyHeader),
        await response.Content.ReadAsStringAsync());

    /// <summary>The backend named in the JSON body, for responses whose <c>x-backend</c> header a transform removed.</summary>
    public string? BodyBackend => Status == HttpStatusCode.OK ? (string?)JsonNode.Parse(Body)?["backend"] : null;

    public override string ToString() => $"{(int)Status} backend={Backend} proxy={Proxy} {Body}";
}
