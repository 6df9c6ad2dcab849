using Mesh.Contracts.Services;
using Microsoft.Extensions.Options;

namespace Mesh.Proxy.Sidecar;

/// <summary>The service's health check, run against the app beside this sidecar over loopback.</summary>
internal sealed class AppHealthProbe(IOptions<SidecarOptions> options) : IDisposable
{
    private readonly Uri _app = options.Value.AppAddress;
    private readonly HttpClient _client = new(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false, ConnectTimeout = TimeSpan.FromSeconds(5) });

    public async Task<bool> CheckAsync(HealthCheckSpec check, CancellationToken cancellationToken)
    {
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(check.Timeout);
        try
        {
            using var response = await _client.GetAsync(new Uri(_app, check.Path), HttpCompletionOption.ResponseHeadersRead, deadline.Token);
            return (int)response.StatusCode is >= 200 and < 400;
        }
        catch (Exception e) when (e is HttpRequestException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }

    public void Dispose() => _client.Dispose();
}
