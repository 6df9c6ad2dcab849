using Mesh.Contracts.Validation;
using Microsoft.Extensions.Options;

namespace Mesh.Silo.Identity;

internal sealed class IdentityOptionsValidator : IValidateOptions<IdentityOptions>
{
    private static readonly TimeSpan Minimum = TimeSpan.FromSeconds(5);

    public ValidateOptionsResult Validate(string? name, IdentityOptions options) =>
        Duration.TryParse(options.CertificateLifetime, out var lifetime) && lifetime >= Minimum
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"{IdentityOptions.Section}:CertificateLifetime '{options.CertificateLifetime}' must be a duration of at least 5s, such as \"24h\"");
}
