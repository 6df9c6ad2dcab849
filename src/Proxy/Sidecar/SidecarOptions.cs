using Mesh.Contracts.Validation;
using Mesh.Proxy.Hosting;

namespace Mesh.Proxy.Sidecar;

/// <summary><c>Mesh:Sidecar</c> (configuration.md and docs/configuration.md).</summary>
internal sealed class SidecarOptions
{
    public const string Section = "Mesh:Sidecar";

    /// <summary>The service this sidecar fronts; it registers itself as an endpoint of it.</summary>
    public string? Service { get; set; }

    /// <summary>The local application, e.g. <c>http://127.0.0.1:7001</c>.</summary>
    public string? App { get; set; }

    /// <summary>The mTLS listener other proxies call.</summary>
    public string InboundUrls { get; set; } = "https://127.0.0.1:15006";

    /// <summary>Where the local app sends its calls to other services.</summary>
    public string OutboundUrls { get; set; } = "http://127.0.0.1:15001";

    /// <summary>The address registered in the catalog; the first inbound URL when unset.</summary>
    public string? AdvertisedUrl { get; set; }

    /// <summary>The registration's heartbeat TTL, a duration such as <c>10s</c>.</summary>
    public string EndpointTtl { get; set; } = "10s";

    /// <summary>How long a draining sidecar keeps serving before it leaves, so every proxy stops sending first.</summary>
    public string DrainTime { get; set; } = "2s";

    public Uri AppAddress => new(App!);

    public Uri Advertised => new(string.IsNullOrWhiteSpace(AdvertisedUrl) ? Inbound[0].GetLeftPart(UriPartial.Authority) : AdvertisedUrl);

    public IReadOnlyList<Uri> Inbound => ListenUrls.Parse(InboundUrls, Uri.UriSchemeHttps);

    public TimeSpan Ttl => Duration.TryParse(EndpointTtl, out var ttl) ? ttl : TimeSpan.FromSeconds(10);

    public TimeSpan Drain => Duration.TryParse(DrainTime, out var drain) ? drain : TimeSpan.FromSeconds(2);
}
