using Mesh.Bench.Cli;
using Mesh.Bench.Measurement;

namespace Mesh.Bench.Cluster;

/// <summary>The configuration every benchmark starts from: a service with one endpoint and a route every proxy serves.</summary>
internal static class ServiceSetup
{
    /// <summary>PUTs the service, its endpoint and a route <c>/{route}/{**rest}</c>, then waits until every proxy answers 200 there.</summary>
    public static async Task AddAsync(MeshCluster mesh, string service, object spec, string address, string route, CancellationToken cancellationToken)
    {
        await mesh.Admin.PutAsync($"/api/v1/services/{service}", spec, cancellationToken);
        await mesh.Admin.PutAsync($"/api/v1/services/{service}/endpoints/{service}-1", new { address }, cancellationToken);
        await mesh.Admin.PutAsync($"/api/v1/routes/{route}", new { match = new { path = $"/{route}/{{**rest}}" }, backends = new[] { new { service } } }, cancellationToken);
        await Task.WhenAll(mesh.Proxies.Select(p => WaitServedAsync(p, $"/{route}/ready", cancellationToken)));
    }

    public static async Task WaitServedAsync(ProxyNode proxy, string path, CancellationToken cancellationToken)
    {
        var url = new Uri(proxy.Base, path);
        var served = await Poll.UntilAsync(
            async ct =>
            {
                using var response = await proxy.Http.GetAsync(url, ct);
                return response.IsSuccessStatusCode;
            },
            TimeSpan.FromSeconds(30),
            cancellationToken);
        if (served is null)
        {
            throw new BenchFailedException($"proxy {proxy.Id} never answered 200 on {path}:\n{proxy.Process.Tail}");
        }
    }
}
