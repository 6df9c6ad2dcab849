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
            CheckUrls(options.Urls, "Urls", failures);
            if (ListenUrls.Ports(options.Urls).Intersect(ListenUrls.Ports(options.AdminUrls)).Any())
            {
                failures.Add($"{ProxyOptions.Section}:Urls and {ProxyOptions.Section}:AdminUrls share a port");
            }
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

        if (options.SnapshotPath is { Length: > 0 } path && Path.GetDirectoryName(Path.GetFullPath(path)) is { } folder && !Directory.Exists(folder))
        {
            failures.Add($"{ProxyOptions.Section}:SnapshotPath '{path}' is in a folder that does not exist");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void CheckUrls(string urls, string key, List<string> failures)
    {
        if (!ListenUrls.TryParse(urls, out _))
        {
            failures.Add($"{ProxyOptions.Section}:{key} '{urls}' must be http URLs with explicit ports, separated by ';'");
        }
    }
}
