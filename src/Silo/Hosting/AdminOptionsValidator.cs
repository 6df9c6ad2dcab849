using System.Net;
using Microsoft.Extensions.Options;

namespace Mesh.Silo.Hosting;

internal sealed class AdminOptionsValidator : IValidateOptions<AdminOptions>
{
    public ValidateOptionsResult Validate(string? name, AdminOptions options)
    {
        var urls = options.Urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (urls.Length == 0)
        {
            return ValidateOptionsResult.Fail($"{AdminOptions.Section}:Urls is empty");
        }

        foreach (var url in urls)
        {
            if (!Uri.TryCreate(url.Replace("*", "0.0.0.0", StringComparison.Ordinal).Replace("+", "0.0.0.0", StringComparison.Ordinal), UriKind.Absolute, out var uri)
                || uri.Scheme is not ("http" or "https"))
            {
                return ValidateOptionsResult.Fail($"{AdminOptions.Section}:Urls has '{url}', which is not an http or https URL");
            }

            if (!IsLoopback(uri) && string.IsNullOrEmpty(options.Token))
            {
                return ValidateOptionsResult.Fail(
                    $"{AdminOptions.Section}:Token is required because {AdminOptions.Section}:Urls listens on '{url}', which is not loopback");
            }
        }

        return ValidateOptionsResult.Success;
    }

    private static bool IsLoopback(Uri uri) =>
        uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
}
