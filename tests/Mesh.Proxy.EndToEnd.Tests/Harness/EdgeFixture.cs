using Mesh.Testing;

namespace Mesh.Proxy.EndToEnd.Tests.Harness;

/// <summary>
/// One embedded silo and two edge proxies attached to it, shared by the tests of <see cref="EdgeCollection"/>.
/// Each test configures its own services and routes under unique names and brings its own backends. The first proxy
/// writes an access log (to a file of the fixture's), so every protocol and streaming test also runs through the access
/// log's counted bodies; the second logs nothing, as a proxy does by default.
/// </summary>
public sealed class EdgeFixture : IAsyncLifetime
{
    private SiloProcess? _silo;
    private ProxyProcess? _proxy;
    private ProxyProcess? _secondProxy;
    private readonly string _logFolder = Directory.CreateTempSubdirectory("mesh-edge-fixture-").FullName;

    public SiloProcess Silo => _silo ?? throw new InvalidOperationException("the fixture is not started");

    /// <summary>The proxy most tests send through.</summary>
    public ProxyProcess Proxy => _proxy ?? throw new InvalidOperationException("the fixture is not started");

    /// <summary>A second proxy on the same control plane, for convergence.</summary>
    public ProxyProcess SecondProxy => _secondProxy ?? throw new InvalidOperationException("the fixture is not started");

    /// <summary>The silo's admin API.</summary>
    public HttpClient Admin => Silo.Http;

    public async Task InitializeAsync()
    {
        try
        {
            _silo = SiloProcess.Start();
            await _silo.WaitUntilReadyAsync();

            // A non-empty first snapshot: readiness is about having applied one, not about what is in it.
            await Admin.PutServiceAsync("fixture");
            _proxy = ProxyProcess.Start(_silo.GatewayPort, id: Names.Unique("edge-a"), extraArguments: [$"--Mesh:Proxy:AccessLog={Path.Combine(_logFolder, "access.log")}"]);
            _secondProxy = ProxyProcess.Start(_silo.GatewayPort, id: Names.Unique("edge-b"));
            await Task.WhenAll(_proxy.WaitUntilReadyAsync(), _secondProxy.WaitUntilReadyAsync());
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }

    /// <summary>Waits until both proxies applied <paramref name="version"/>.</summary>
    public Task SyncAsync(long version) =>
        Task.WhenAll(Proxy.WaitForVersionAsync(version), SecondProxy.WaitForVersionAsync(version));

    /// <summary>PUTs a service and one endpoint per backend (named after it); returns the version that holds them.</summary>
    public async Task<long> PutServiceAsync(string name, string spec, params TestBackend[] backends)
    {
        var version = await Admin.PutServiceAsync(name, spec);
        foreach (var backend in backends)
        {
            version = await Admin.PutEndpointAsync(name, backend);
        }

        return version;
    }

    /// <summary>PUTs a route and waits until both proxies applied it.</summary>
    public async Task PutRouteAndSyncAsync(string id, string spec) => await SyncAsync(await Admin.PutRouteAsync(id, spec));

    public async Task DisposeAsync()
    {
        if (_proxy is not null)
        {
            await _proxy.DisposeAsync();
        }

        if (_secondProxy is not null)
        {
            await _secondProxy.DisposeAsync();
        }

        if (_silo is not null)
        {
            await _silo.DisposeAsync();
        }

        Directory.Delete(_logFolder, recursive: true);
    }
}
