namespace Mesh.Contracts.Proxies;

[GenerateSerializer, Alias("mesh.proxy-mode")]
public enum ProxyMode
{
    Edge,
    Sidecar,
}
