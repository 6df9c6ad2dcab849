using System.Text.Json;
using Mesh.Bench.Cli;

namespace Mesh.Bench.Cluster;

/// <summary>The silo's admin API (admin-api.md): writes that must succeed, with the refusal in the error when not.</summary>
internal sealed class AdminClient(Uri baseAddress) : IDisposable
{
    public Uri Base { get; } = baseAddress;

    public HttpClient Http { get; } = Measurement.BenchHttp.Create(4, TimeSpan.FromSeconds(30));

    public async Task PutAsync(string path, object body, CancellationToken cancellationToken)
    {
        using var response = await Http.PutAsJsonAsync(new Uri(Base, path), body, cancellationToken);
        await EnsureAsync(response, "PUT", path, cancellationToken);
    }

    public async Task PostAsync(string path, CancellationToken cancellationToken, object? body = null)
    {
        using var response = body is null
            ? await Http.PostAsync(new Uri(Base, path), null, cancellationToken)
            : await Http.PostAsJsonAsync(new Uri(Base, path), body, cancellationToken);
        await EnsureAsync(response, "POST", path, cancellationToken);
    }

    public async Task<JsonDocument> GetAsync(string path, CancellationToken cancellationToken)
    {
        using var response = await Http.GetAsync(new Uri(Base, path), cancellationToken);
        await EnsureAsync(response, "GET", path, cancellationToken);
        return await JsonDocument.ParseAsync(await response.Content.ReadAsStreamAsync(cancellationToken), cancellationToken: cancellationToken);
    }

    public void Dispose() => Http.Dispose();

    private static async Task EnsureAsync(HttpResponseMessage response, string method, string path, CancellationToken cancellationToken)
    {
        if (!response.IsSuccessStatusCode)
        {
            throw new BenchFailedException($"{method} {path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync(cancellationToken)}");
        }
    }
}
