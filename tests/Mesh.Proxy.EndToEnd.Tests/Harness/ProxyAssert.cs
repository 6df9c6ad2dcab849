using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Mesh.Testing;

namespace Mesh.Proxy.EndToEnd.Tests.Harness;

/// <summary>Assertions on what a client of the edge proxy sees.</summary>
public static partial class ProxyAssert
{
    /// <summary>A response header (or content header) joined with ",", or null when absent.</summary>
    public static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(",", values)
            : null;

    /// <summary>A 200 that <paramref name="backend"/> answered through <paramref name="proxy"/>; returns the backend's echo of the request.</summary>
    public static async Task<JsonNode> ServedByAsync(HttpResponseMessage response, TestBackend backend, ProxyProcess proxy)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"expected 200 from {backend.Name}, got {(int)response.StatusCode}: {body}");
        Assert.Equal(proxy.Id, Header(response, ProxyProcess.ProxyHeader));
        var echo = JsonNode.Parse(body) ?? throw new InvalidOperationException("empty body");
        Assert.Equal(backend.Name, (string?)echo["backend"]);
        return echo;
    }

    /// <summary>An RFC 9457 problem with <paramref name="status"/>, written by <paramref name="proxy"/>, without a stack trace.</summary>
    public static async Task<JsonNode> ProblemAsync(HttpResponseMessage response, HttpStatusCode status, ProxyProcess proxy)
    {
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"expected {(int)status}, got {(int)response.StatusCode}: {body}");
        Assert.Equal(proxy.Id, Header(response, ProxyProcess.ProxyHeader));
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        NoStackTrace(body);
        var problem = JsonNode.Parse(body) ?? throw new InvalidOperationException("empty problem body");
        if (problem["status"] is { } member)
        {
            Assert.Equal((int)status, (int)member);
        }

        return problem;
    }

    /// <summary>No route matched: the proxy's own 404 problem, and no backend was asked.</summary>
    public static async Task NotRoutedAsync(HttpResponseMessage response, ProxyProcess proxy)
    {
        Assert.Null(Header(response, TestBackend.NameHeader));
        await ProblemAsync(response, HttpStatusCode.NotFound, proxy);
    }

    public static void NoStackTrace(string body)
    {
        Assert.False(StackFrame().IsMatch(body), $"the body holds a stack trace: {body}");
        Assert.DoesNotContain(".cs:line ", body, StringComparison.Ordinal);
    }

    /// <summary>"   at Namespace.Type.Method(" as .NET prints a frame.</summary>
    [GeneratedRegex(@"\bat [\w.`<>+]+\.[\w`<>]+\(")]
    private static partial Regex StackFrame();
}
