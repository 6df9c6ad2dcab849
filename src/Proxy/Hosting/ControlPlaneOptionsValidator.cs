using Microsoft.Extensions.Options;

namespace Mesh.Proxy.Hosting;

internal sealed class ControlPlaneOptionsValidator : IValidateOptions<ControlPlaneOptions>
{
    public ValidateOptionsResult Validate(string? name, ControlPlaneOptions options)
    {
        var failures = new List<string>();
        if (string.IsNullOrWhiteSpace(options.ClusterId))
        {
            failures.Add($"{ControlPlaneOptions.Section}:ClusterId is empty");
        }

        if (string.IsNullOrWhiteSpace(options.ServiceId))
        {
            failures.Add($"{ControlPlaneOptions.Section}:ServiceId is empty");
        }

        if (options.GatewayPort is < 1 or > 65535)
        {
            failures.Add($"{ControlPlaneOptions.Section}:GatewayPort {options.GatewayPort} is not a TCP port (1-65535)");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
