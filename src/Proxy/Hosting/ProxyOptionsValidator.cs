using Mesh.Contracts.Proxies;
using Mesh.Contracts.Validation;
using Microsoft.Extensions.Options;

namespace Mesh.Proxy.Hosting;

internal sealed class ProxyOptionsValidator : IValidateOptions<ProxyOptions>
{
    public ValidateOptionsResult Validate(string? name, ProxyOptions options)
    {
        var failures = new List<string>();
        if (options.Mode == ProxyMode.Edge)
        {
            if (!ListenUrls.TryParse(options.Urls, ListenUrls.EdgeSchemes, out var urls))
            {
                failures.Add($"{ProxyOptions.Section}:Urls '{options.Urls}' must be http or https URLs with explicit ports, separated by ';'");
            }

            if (urls.Select(u => u.Port).Intersect(ListenUrls.Ports(options.AdminUrls)).Any())
            {
                failures.Add($"{ProxyOptions.Section}:Urls and {ProxyOptions.Section}:AdminUrls share a port");
            }

            CheckTlsFiles(options, urls.Any(u => u.Scheme == Uri.UriSchemeHttps), failures);
        }
        else if (!ResourceNames.IsValidEndpointId(options.ResolvedId))
        {
            failures.Add($"{ProxyOptions.Section}:Id '{options.ResolvedId}' names the sidecar's endpoint and {ResourceNames.EndpointIdRule}");
        }

        CheckUrls(options.AdminUrls, "AdminUrls", failures);
        if (!ResourceNames.IsValidName(options.Identity))
        {
            failures.Add($"{ProxyOptions.Section}:Identity '{options.Identity}' {ResourceNames.NameRule}");
        }

        if (options.AccessLog is not ("off" or "stdout") && (options.AccessLog.Length == 0
            || (Path.GetDirectoryName(Path.GetFullPath(options.AccessLog)) is { } logFolder && !Directory.Exists(logFolder))))
        {
            failures.Add($"{ProxyOptions.Section}:AccessLog '{options.AccessLog}' must be off, stdout, or a file in a folder that exists");
        }

        if (options.SnapshotPath is { Length: > 0 } path && Path.GetDirectoryName(Path.GetFullPath(path)) is { } folder && !Directory.Exists(folder))
        {
            failures.Add($"{ProxyOptions.Section}:SnapshotPath '{path}' is in a folder that does not exist");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void CheckTlsFiles(ProxyOptions options, bool https, List<string> failures)
    {
        const string Files = $"{ProxyOptions.Section}:TlsCertificateFile and {ProxyOptions.Section}:TlsKeyFile";
        var certificate = !string.IsNullOrWhiteSpace(options.TlsCertificateFile);
        var key = !string.IsNullOrWhiteSpace(options.TlsKeyFile);

        // Without files, https listeners serve the catalog's certificates (/api/v1/certificates) alone.
        if (certificate != key)
        {
            failures.Add($"{Files} go together: set both, or neither to serve only the catalog's certificates");
        }
        else if (certificate && !https)
        {
            failures.Add($"{Files} are set but {ProxyOptions.Section}:Urls has no https URL to serve them");
        }
    }

    private static void CheckUrls(string urls, string key, List<string> failures)
    {
        if (!ListenUrls.TryParse(urls, out _))
        {
            failures.Add($"{ProxyOptions.Section}:{key} '{urls}' must be http URLs with explicit ports, separated by ';'");
        }
    }
}
