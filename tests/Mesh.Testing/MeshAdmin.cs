using System.Net;
using System.Text.Json.Nodes;

namespace Mesh.Testing;

/// <summary>
/// Configuring a mesh through the silo's admin API (admin-api.md) as an operator would. Each write
/// must succeed (else the test fails with the silo's answer) and returns the snapshot version that
/// includes it (configuration and endpoint state), to wait on with <see cref="ProxyProcess.WaitForVersionAsync"/>.
/// </summary>
public static class MeshAdmin
{
    public static Task<long> PutServiceAsync(this HttpClient admin, string name, string spec = "{}") =>
        PutAsync(admin, $"/api/v1/services/{name}", spec);

    public static Task<long> PutEndpointAsync(this HttpClient admin, string service, string id, string address, string? ttl = null) =>
        PutAsync(admin, $"/api/v1/services/{service}/endpoints/{id}", ttl is null
            ? $$"""{ "address": "{{address}}" }"""
            : $$"""{ "address": "{{address}}", "ttl": "{{ttl}}" }""");

    /// <summary>Registers <paramref name="backend"/> as an endpoint of <paramref name="service"/>, named after the backend.</summary>
    public static Task<long> PutEndpointAsync(this HttpClient admin, string service, TestBackend backend, string? ttl = null) =>
        admin.PutEndpointAsync(service, backend.Name, backend.Address, ttl);

    public static Task<long> PutRouteAsync(this HttpClient admin, string id, string spec) =>
        PutAsync(admin, $"/api/v1/routes/{id}", spec);

    public static Task<long> PutCertificateAsync(this HttpClient admin, string name, string document) =>
        PutAsync(admin, $"/api/v1/certificates/{name}", document);

    public static Task<long> DeleteCertificateAsync(this HttpClient admin, string name) =>
        SendAsync(admin, HttpMethod.Delete, $"/api/v1/certificates/{name}", HttpStatusCode.NoContent);

    public static Task<long> PutRateLimitAsync(this HttpClient admin, string name, string spec) =>
        PutAsync(admin, $"/api/v1/ratelimits/{name}", spec);

    public static Task<long> PutConsumerAsync(this HttpClient admin, string id, string spec = "{}") =>
        PutAsync(admin, $"/api/v1/consumers/{id}", spec);

    public static Task<long> DeleteConsumerAsync(this HttpClient admin, string id) =>
        SendAsync(admin, HttpMethod.Delete, $"/api/v1/consumers/{id}", HttpStatusCode.NoContent);

    public static Task<long> PutJwtProviderAsync(this HttpClient admin, string name, string spec) =>
        PutAsync(admin, $"/api/v1/jwt-providers/{name}", spec);

    /// <summary>Issues an API key for <paramref name="consumer"/>: its id, the key (shown this once), and the version that holds it.</summary>
    public static async Task<(string Id, string Key, long Version)> CreateApiKeyAsync(this HttpClient admin, string consumer)
    {
        using var response = await admin.PostAsync($"/api/v1/consumers/{consumer}/keys", null);
        await EnsureAsync(response, HttpStatusCode.Created, $"POST /api/v1/consumers/{consumer}/keys");
        var answer = await response.ReadJsonAsync();
        return ((string)answer["id"]!, (string)answer["key"]!, response.SnapshotVersion());
    }

    public static Task<long> RevokeApiKeyAsync(this HttpClient admin, string consumer, string keyId) =>
        SendAsync(admin, HttpMethod.Delete, $"/api/v1/consumers/{consumer}/keys/{keyId}", HttpStatusCode.NoContent);

    public static Task<long> DeleteRouteAsync(this HttpClient admin, string id) =>
        SendAsync(admin, HttpMethod.Delete, $"/api/v1/routes/{id}", HttpStatusCode.NoContent);

    public static Task<long> DrainEndpointAsync(this HttpClient admin, string service, string id) =>
        SendAsync(admin, HttpMethod.Post, $"/api/v1/services/{service}/endpoints/{id}/drain", HttpStatusCode.OK);

    public static Task<long> HeartbeatAsync(this HttpClient admin, string service, string id) =>
        SendAsync(admin, HttpMethod.Post, $"/api/v1/services/{service}/endpoints/{id}/heartbeat", HttpStatusCode.OK);

    /// <summary>The endpoint as <c>GET /api/v1/services/{service}</c> shows it, or null when it is not registered.</summary>
    public static async Task<JsonNode?> EndpointAsync(this HttpClient admin, string service, string id)
    {
        using var response = await admin.GetAsync($"/api/v1/services/{service}");
        await EnsureAsync(response, HttpStatusCode.OK, $"GET /api/v1/services/{service}");
        return (await response.ReadJsonAsync())["endpoints"]!.AsArray().FirstOrDefault(e => (string?)e!["id"] == id);
    }

    /// <summary>Polls until the endpoint's <c>health</c> is <paramref name="health"/>.</summary>
    public static async Task WaitForEndpointHealthAsync(this HttpClient admin, string service, string id, string health, TimeSpan? deadline = null)
    {
        JsonNode? last = null;
        try
        {
            await Eventually.HoldsAsync(
                async () => (last = await admin.EndpointAsync(service, id)) is { } endpoint && (string?)endpoint["health"] == health,
                $"{service}/{id} to be {health}",
                deadline ?? TimeSpan.FromSeconds(20));
        }
        catch (TimeoutException e)
        {
            throw new TimeoutException($"{e.Message}; last seen: {last?.ToJsonString() ?? "not registered"}", e);
        }
    }

    /// <summary>The current snapshot version: what proxies must reach to hold everything the catalog holds now.</summary>
    public static async Task<long> CatalogVersionAsync(this HttpClient admin)
    {
        using var response = await admin.GetAsync("/api/v1/config");
        await EnsureAsync(response, HttpStatusCode.OK, "GET /api/v1/config");
        return response.SnapshotVersion();
    }

    private static async Task<long> PutAsync(HttpClient admin, string path, string json)
    {
        using var response = await admin.PutJsonAsync(path, json);
        await EnsureAsync(response, HttpStatusCode.OK, $"PUT {path} {json}");
        return response.SnapshotVersion();
    }

    private static async Task<long> SendAsync(HttpClient admin, HttpMethod method, string path, HttpStatusCode expected)
    {
        using var request = new HttpRequestMessage(method, path);
        using var response = await admin.SendAsync(request);
        await EnsureAsync(response, expected, $"{method} {path}");
        return response.SnapshotVersion();
    }

    private static async Task EnsureAsync(HttpResponseMessage response, HttpStatusCode expected, string what)
    {
        if (response.StatusCode != expected)
        {
            throw new InvalidOperationException($"{what} answered {(int)response.StatusCode}, expected {(int)expected}: {await response.Content.ReadAsStringAsync()}");
        }
    }
}
