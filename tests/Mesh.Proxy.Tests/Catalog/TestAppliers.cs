using Mesh.Proxy.Caching;
using Mesh.Proxy.Catalog;
using Mesh.Proxy.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Yarp.ReverseProxy.Configuration;

namespace Mesh.Proxy.Tests.Catalog;

/// <summary>A snapshot applier as the proxy builds one, with an empty edge cache behind it.</summary>
internal static class TestAppliers
{
    public static SnapshotApplier Create(ResponseStore? store = null) => new(
        new InMemoryConfigProvider([], []),
        new SnapshotFile(Options.Create(new ProxyOptions()), NullLogger<SnapshotFile>.Instance),
        new SnapshotPurges(store ?? CreateStore(), NullLogger<SnapshotPurges>.Instance),
        Options.Create(new ProxyOptions()),
        TimeProvider.System,
        NullLogger<SnapshotApplier>.Instance);

    public static ResponseStore CreateStore(long maxBytes = 256L * 1024 * 1024)
    {
        var meters = new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>();
        return new ResponseStore(Options.Create(new ProxyCacheOptions { MaxBytes = maxBytes }), new CacheMetrics(meters));
    }
}
