using System.Collections.Immutable;

namespace Mesh.Contracts.Proxies;

/// <summary>Every proxy that reported in, with the version it applied: how convergence is seen.</summary>
[Alias("mesh.proxy-directory")]
public interface IProxyDirectoryGrain : IGrainWithStringKey
{
    [Alias("report")]
    Task ReportAsync(ProxyReport report);

    [Alias("list")]
    Task<ImmutableArray<ProxyStatus>> ListAsync();
}
