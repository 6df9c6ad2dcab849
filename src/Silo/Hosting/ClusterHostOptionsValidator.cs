using System.Net;
using Microsoft.Extensions.Options;

namespace Mesh.Silo.Hosting;

internal sealed class ClusterHostOptionsValidator : IValidateOptions<ClusterHostOptions>
{
    public ValidateOptionsResult Validate(string? name, ClusterHostOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.ClusterId))
        {
            failures.Add($"{ClusterHostOptions.Section}:ClusterId is empty");
        }

        if (string.IsNullOrWhiteSpace(options.ServiceId))
        {
            failures.Add($"{ClusterHostOptions.Section}:ServiceId is empty");
        }

        CheckPort(options.SiloPort, "SiloPort", failures);
        CheckPort(options.GatewayPort, "GatewayPort", failures);
        if (options.SiloPort == options.GatewayPort)
        {
            failures.Add($"{ClusterHostOptions.Section}:SiloPort and {ClusterHostOptions.Section}:GatewayPort are both {options.SiloPort}");
        }

        if (!IPAddress.TryParse(options.AdvertisedIP, out _))
        {
            failures.Add($"{ClusterHostOptions.Section}:AdvertisedIP '{options.AdvertisedIP}' is not an IP address");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void CheckPort(int port, string key, List<string> failures)
    {
        if (port is < 1 or > 65535)
        {
            failures.Add($"{ClusterHostOptions.Section}:{key} {port} is not a TCP port (1-65535)");
        }
    }
}
