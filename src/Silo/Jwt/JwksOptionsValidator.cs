using Mesh.Contracts.Validation;
using Microsoft.Extensions.Options;

namespace Mesh.Silo.Jwt;

internal sealed class JwksOptionsValidator : IValidateOptions<JwksOptions>
{
    private static readonly TimeSpan Minimum = TimeSpan.FromSeconds(1);

    public ValidateOptionsResult Validate(string? name, JwksOptions options)
    {
        var failures = new[]
            {
                (Name: nameof(JwksOptions.RefreshInterval), Text: options.RefreshInterval),
                (Name: nameof(JwksOptions.MinRefetchInterval), Text: options.MinRefetchInterval),
                (Name: nameof(JwksOptions.FetchTimeout), Text: options.FetchTimeout),
            }
            .Where(o => !Duration.TryParse(o.Text, out var value) || value < Minimum)
            .Select(o => $"{JwksOptions.Section}:{o.Name} '{o.Text}' must be a duration of at least 1s, such as \"1m\"")
            .ToList();
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
