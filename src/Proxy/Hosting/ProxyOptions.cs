using Mesh.Contracts.Proxies;

namespace Mesh.Proxy.Hosting;

/// <summary><c>Mesh:Proxy</c> (configuration.md).</summary>
internal sealed class ProxyOptions
{
    public const string Section = "Mesh:Proxy";

    public ProxyMode Mode { get; set; } = ProxyMode.Edge;

    /// <summary>How the control plane names this proxy; host name and process id when unset.</summary>
    public string? Id { get; set; }

    /// <summary>Edge: where clients connect; <c>http</c> (HTTP/1.1 and h2c) and <c>https</c> URLs.</summary>
    public string Urls { get; set; } = "http://127.0.0.1:8080";

    /// <summary>Edge: the PEM certificate (leaf first, then its chain) that <c>https</c> URLs serve.</summary>
    public string? TlsCertificateFile { get; set; }

    /// <summary>Edge: the PEM private key of <see cref="TlsCertificateFile"/>.</summary>
    public string? TlsKeyFile { get; set; }

    /// <summary><c>/healthz</c>, <c>/readyz</c>, <c>/metrics</c>, <c>/config</c>.</summary>
    public string AdminUrls { get; set; } = "http://127.0.0.1:9901";

    /// <summary>Where the last applied snapshot is kept, so a restart without a control plane still serves.</summary>
    public string? SnapshotPath { get; set; }

    /// <summary>One JSON line per request: <c>off</c>, <c>stdout</c>, or a file path (appended to).</summary>
    public string AccessLog { get; set; } = "off";

    /// <summary>Per-minute figures of what this proxy serves, sent to the control plane every few seconds (<c>GET /api/v1/analytics</c>).</summary>
    public bool Analytics { get; set; } = true;

    /// <summary>
    /// Edge: the service name of the edge's own mesh identity (<c>spiffe://{trustDomain}/service/edge</c> by
    /// default), so a policy can allow "only the edge". A sidecar speaks for <c>Mesh:Sidecar:Service</c>.
    /// </summary>
    public string Identity { get; set; } = "edge";

    public string ResolvedId => string.IsNullOrWhiteSpace(Id) ? $"{Environment.MachineName}-{Environment.ProcessId}" : Id;
}
