using Mesh.Contracts.Validation;
using Mesh.Proxy.Hosting;
using Microsoft.Extensions.Options;

namespace Mesh.Proxy.Sidecar;

/// <summary>Checked only in sidecar mode: an edge proxy ignores <c>Mesh:Sidecar</c>.</summary>
internal sealed class SidecarOptionsValidator : IValidateOptions<SidecarOptions>
{
    private const string Section = SidecarOptions.Section;

    public ValidateOptionsResult Validate(string? name, SidecarOptions options)
    {
        var failures = new List<string>();
        if (!ResourceNames.IsValidName(options.Service))
        {
            failures.Add(string.IsNullOrEmpty(options.Service)
                ? $"{Section}:Service is required in sidecar mode: the service this sidecar fronts"
                : $"{Section}:Service '{options.Service}' {ResourceNames.NameRule}");
        }

        if (!Uri.TryCreate(options.App, UriKind.Absolute, out var app) || app.Scheme is not ("http" or "https") || app.PathAndQuery != "/")
        {
            failures.Add(string.IsNullOrEmpty(options.App)
                ? $"{Section}:App is required in sidecar mode: the local application's address, e.g. http://127.0.0.1:7001"
                : $"{Section}:App '{options.App}' must be an http or https URL with no path");
        }

        if (!ListenUrls.TryParse(options.InboundUrls, Uri.UriSchemeHttps, out _))
        {
            failures.Add($"{Section}:InboundUrls '{options.InboundUrls}' must be https URLs with explicit ports, separated by ';'");
        }

        if (!ListenUrls.TryParse(options.OutboundUrls, out _))
        {
            failures.Add($"{Section}:OutboundUrls '{options.OutboundUrls}' must be http URLs with explicit ports, separated by ';'");
        }

        if (!string.IsNullOrWhiteSpace(options.AdvertisedUrl)
            && (!Uri.TryCreate(options.AdvertisedUrl, UriKind.Absolute, out var advertised) || advertised.Scheme != Uri.UriSchemeHttps || advertised.PathAndQuery != "/"))
        {
            failures.Add($"{Section}:AdvertisedUrl '{options.AdvertisedUrl}' must be an https URL with no path: where other proxies reach the inbound listener");
        }

        if (!Duration.TryParse(options.EndpointTtl, out var ttl) || ttl < TimeSpan.FromSeconds(1))
        {
            failures.Add($"{Section}:EndpointTtl '{options.EndpointTtl}' must be a duration of at least 1s, such as \"10s\"");
        }

        if (!Duration.TryParse(options.DrainTime, out _))
        {
            failures.Add($"{Section}:DrainTime '{options.DrainTime}' must be a duration such as \"2s\" (\"0s\" leaves at once)");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
