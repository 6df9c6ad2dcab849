using Microsoft.Extensions.Options;

namespace Mesh.Proxy.Caching;

internal sealed class ProxyCacheOptionsValidator : IValidateOptions<ProxyCacheOptions>
{
    private const long MinBytes = 1024 * 1024;

    public ValidateOptionsResult Validate(string? name, ProxyCacheOptions options)
    {
        var failures = new List<string>();
        if (options.MaxBytes < MinBytes)
        {
            failures.Add($"{ProxyCacheOptions.Section}:MaxBytes {options.MaxBytes} must be at least {MinBytes} (1 MiB)");
        }

        if (options.LockTimeout <= TimeSpan.Zero || options.LockTimeout > TimeSpan.FromMinutes(5))
        {
            failures.Add($"{ProxyCacheOptions.Section}:LockTimeout {options.LockTimeout} must be more than 0 and at most 00:05:00");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
