using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Mesh.Testing;

public static class HttpJson
{
    public static Task<HttpResponseMessage> PutJsonAsync(this HttpClient http, string path, string json) =>
        http.PutAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));

    /// <summary>GETs <paramref name="path"/>, which must answer 200, and reads its JSON.</summary>
    public static async Task<JsonNode> GetOkJsonAsync(this HttpClient http, string path)
    {
        using var response = await http.GetAsync(path);
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.OK, $"GET {path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await response.ReadJsonAsync();
    }

    /// <summary>PUTs <paramref name="json"/>, which must be refused with 400, and gives the fields the refusal names.</summary>
    public static async Task<string[]> PutRefusedFieldsAsync(this HttpClient http, string path, string json)
    {
        using var response = await http.PutJsonAsync(path, json);
        Assert.True(response.StatusCode == System.Net.HttpStatusCode.BadRequest, $"PUT {path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await response.ProblemFieldsAsync();
    }

    public static async Task<JsonNode> ReadJsonAsync(this HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync()) ?? throw new JsonException("empty body");

    /// <summary>The field names of a problem details body's <c>errors</c>.</summary>
    public static async Task<string[]> ProblemFieldsAsync(this HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var errors = (await response.ReadJsonAsync())["errors"]?.AsObject() ?? throw new JsonException("no errors object");
        return errors.Select(e => e.Key).Order(StringComparer.Ordinal).ToArray();
    }

    /// <summary>The configuration version (the last commit) after the call.</summary>
    public static long ConfigVersion(this HttpResponseMessage response) =>
        long.Parse(response.Headers.GetValues("X-Mesh-Config-Version").Single(), System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The snapshot version after the call: what a proxy must reach to hold this call's effect, endpoint state included.</summary>
    public static long SnapshotVersion(this HttpResponseMessage response) =>
        long.Parse(response.Headers.GetValues("X-Mesh-Snapshot-Version").Single(), System.Globalization.CultureInfo.InvariantCulture);

    public static StringContent Json(string json, string mediaType = "application/json") =>
        new(json, Encoding.UTF8, new MediaTypeHeaderValue(mediaType));
}
