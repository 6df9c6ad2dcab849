using Yarp.ReverseProxy.Configuration;

namespace Mesh.Proxy.Catalog;

/// <summary>YARP's word on each configuration it was handed: applied, or refused and the old one kept.</summary>
internal sealed class YarpConfigListener(SnapshotApplier applier) : IConfigChangeListener
{
    public void ConfigurationApplied(IReadOnlyList<IProxyConfig> proxyConfigs)
    {
        foreach (var config in proxyConfigs)
        {
            applier.OnApplied(config.RevisionId);
        }
    }

    public void ConfigurationApplyingFailed(IReadOnlyList<IProxyConfig> proxyConfigs, Exception exception)
    {
        foreach (var config in proxyConfigs)
        {
            applier.OnRefused(config.RevisionId, exception);
        }
    }

    public void ConfigurationLoaded(IReadOnlyList<IProxyConfig> proxyConfigs)
    {
    }

    public void ConfigurationLoadingFailed(IProxyConfigProvider configProvider, Exception exception)
    {
    }
}
