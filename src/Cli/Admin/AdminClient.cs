using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace Mesh.Cli.Admin;

/// <summary>
/// The admin API as meshctl uses it: JSON in and out, the bearer token on every call, and every refusal turned
/// into one line that names what was refused and why (each bad field of a 400).
/// </summary>
internal sealed class AdminClient : IDisposable
{
    public const string VersionHeader = "X-Mesh-Config-Version";

    private readonly HttpClient _http;

    public AdminClient(Uri server, string? token, TimeSpan timeout)
    {
        Server = server;
        _http = new HttpClient { BaseAddress = server, Timeout = timeout };
        if (!string.IsNullOrEmpty(token))
        {
            _http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
    }

    public Uri Server { get; }

    public async Task<(JsonNode Body, long Version)> GetAsync(string path, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(new HttpRequestMessage(HttpMethod.Get, path), cancellationToken);
        return (await ReadAsync(response, cancellationToken), VersionOf(response));
    }

    public async Task<(JsonNode Body, long Version)> PostAsync(string path, string? body, string mediaType, CancellationToken cancellationToken)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path);
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8, mediaType);
        }

        using var response = await SendAsync(request, cancellationToken);
        return (await ReadAsync(response, cancellationToken), VersionOf(response));
    }

    public async Task<(JsonNode Body, long Version)> PutAsync(string path, string json, CancellationToken cancellationToken)
    {
        var request = new HttpRequestMessage(HttpMethod.Put, path) { Content = new StringContent(json, Encoding.UTF8, "application/json") };
        using var response = await SendAsync(request, cancellationToken);
        return (await ReadAsync(response, cancellationToken), VersionOf(response));
    }

    public async Task<long> DeleteAsync(string path, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(new HttpRequestMessage(HttpMethod.Delete, path), cancellationToken);
        return VersionOf(response);
    }

    /// <summary>The status of a GET without failing on it: for checks that judge the answer themselves.</summary>
    public async Task<HttpStatusCode?> StatusAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            using var response = await _http.GetAsync(path, HttpCompletionOption.ResponseHeadersRead, cancellationToken);
            return response.StatusCode;
        }
        catch (HttpRequestException)
        {
            return null;
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return null;
        }
    }

    public void Dispose() => _http.Dispose();

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using (request)
        {
            HttpResponseMessage response;
            try
            {
                response = await _http.SendAsync(request, cancellationToken);
            }
            catch (HttpRequestException e)
            {
                throw new CliException($"cannot reach the admin API at {Server}: {e.GetBaseException().Message} (--server or MESH_ADMIN_URL)");
            }
            catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new CliException($"the admin API at {Server} did not answer {request.Method} {request.RequestUri} in {_http.Timeout.TotalSeconds:0}s");
            }

            if (response.IsSuccessStatusCode)
            {
                return response;
            }

            using (response)
            {
                throw new CliException($"{request.Method} {request.RequestUri} answered {(int)response.StatusCode}: {await DescribeAsync(response, cancellationToken)}");
            }
        }
    }

    private static async Task<JsonNode> ReadAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        return (text.Length == 0 ? null : JsonNode.Parse(text)) ?? new JsonObject();
    }

    private static long VersionOf(HttpResponseMessage response) =>
        response.Headers.TryGetValues(VersionHeader, out var values) && long.TryParse(values.FirstOrDefault(), out var version) ? version : 0;

    /// <summary>Problem details as one line: the title, then every bad field and why.</summary>
    private static async Task<string> DescribeAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        JsonNode? problem;
        try
        {
            problem = text.Length == 0 ? null : JsonNode.Parse(text);
        }
        catch (System.Text.Json.JsonException)
        {
            problem = null;
        }

        if (problem is not JsonObject details)
        {
            return response.StatusCode == HttpStatusCode.Unauthorized
                ? "the admin API needs its token (--token or MESH_ADMIN_TOKEN)"
                : text.ReplaceLineEndings(" ").Trim();
        }

        var title = (string?)details["title"] ?? response.ReasonPhrase ?? "refused";
        var fields = details["errors"] is JsonObject errors
            ? string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(", ", e.Value!.AsArray().Select(m => (string?)m))}"))
            : (string?)details["detail"];
        return response.StatusCode == HttpStatusCode.Unauthorized
            ? $"{title} (--token or MESH_ADMIN_TOKEN)"
            : string.IsNullOrEmpty(fields) ? title : $"{title}: {fields}";
    }
}
