namespace Mesh.Silo.Health;

/// <summary>One active health check: GET the endpoint's health path within the timeout; 2xx and 3xx are healthy.</summary>
internal sealed class HealthProbe(IHttpClientFactory clients)
{
    public const string ClientName = "mesh-health-probe";

    public async Task<bool> CheckAsync(Uri address, string path, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            using var response = await clients.CreateClient(ClientName).GetAsync(new Uri(address, path), HttpCompletionOption.ResponseHeadersRead, deadline.Token);
            return (int)response.StatusCode is >= 200 and < 400;
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException)
        {
            return false;
        }
    }
}
