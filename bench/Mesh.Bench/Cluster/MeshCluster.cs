namespace Mesh.Bench.Cluster;

/// <summary>One silo and N edge proxies (ids <c>bench-0</c> …), all ready; disposing kills them all.</summary>
internal sealed class MeshCluster : IAsyncDisposable
{
    private MeshCluster(SiloNode silo, IReadOnlyList<ProxyNode> proxies)
    {
        Silo = silo;
        Proxies = proxies;
    }

    public SiloNode Silo { get; }

    public AdminClient Admin => Silo.Admin;

    public IReadOnlyList<ProxyNode> Proxies { get; }

    public static async Task<MeshCluster> StartAsync(RepoLayout repo, int proxyCount, CancellationToken cancellationToken)
    {
        var silo = SiloNode.Start(repo);
        var proxies = new List<ProxyNode>();
        var cluster = new MeshCluster(silo, proxies);
        try
        {
            await silo.WaitReadyAsync(cancellationToken);
            for (var i = 0; i < proxyCount; i++)
            {
                proxies.Add(ProxyNode.Start(repo, $"bench-{i}", silo.GatewayPort));
            }

            await Task.WhenAll(proxies.Select(p => p.WaitReadyAsync(cancellationToken)));
            Console.WriteLine($"# started a silo (gateway {silo.GatewayPort}, admin {silo.Admin.Base}) and {proxyCount} proxies: "
                + string.Join(", ", proxies.Select(p => $"{p.Id} {p.Base.Port}/{p.AdminBase.Port}")));
            return cluster;
        }
        catch
        {
            await cluster.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var proxy in Proxies)
        {
            await proxy.DisposeAsync();
        }

        await Silo.DisposeAsync();
    }
}
