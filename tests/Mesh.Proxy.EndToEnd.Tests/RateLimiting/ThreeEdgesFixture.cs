using Mesh.Proxy.EndToEnd.Tests.Harness;
using Mesh.Testing;

namespace Mesh.Proxy.EndToEnd.Tests.RateLimiting;

/// <summary>One silo and three edge proxies: a mesh-wide limit, a revoked key, must hold across all of them.</summary>
public class ThreeEdgesFixture : IAsyncLifetime
{
    private readonly List<ProxyProcess> _proxies = [];

    public SiloProcess Silo { get; private set; } = null!;

    public IReadOnlyList<ProxyProcess> Proxies => _proxies;

    public HttpClient Admin => Silo.Http;

    /// <summary>Settings the silo starts with, for fixtures that need a control plane tuned for their tests.</summary>
    protected virtual IEnumerable<string> SiloArguments => [];

    /// <summary>Settings the edge numbered <paramref name="index"/> starts with.</summary>
    protected virtual IEnumerable<string> ProxyArguments(int index) => [];

    public async Task InitializeAsync()
    {
        try
        {
            Silo = SiloProcess.Start(extraArguments: SiloArguments);
            await Silo.WaitUntilReadyAsync();
            await Admin.PutServiceAsync("fixture");
            for (var i = 0; i < 3; i++)
            {
                _proxies.Add(ProxyProcess.Start(Silo.GatewayPort, id: Names.Unique($"edge-{i}"), extraArguments: ProxyArguments(i)));
            }

            await Task.WhenAll(_proxies.Select(p => p.WaitUntilReadyAsync()));
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }

    public Task SyncAsync(long version) => Task.WhenAll(_proxies.Select(p => p.WaitForVersionAsync(version)));

    public virtual async Task DisposeAsync()
    {
        foreach (var proxy in _proxies)
        {
            await proxy.DisposeAsync();
        }

        if (Silo is not null)
        {
            await Silo.DisposeAsync();
        }
    }
}
