using Mesh.Contracts.Validation;
using Microsoft.Extensions.Options;

namespace Mesh.Silo.Hosting;

internal sealed class MeshOptionsValidator : IValidateOptions<MeshOptions>
{
    public ValidateOptionsResult Validate(string? name, MeshOptions options) =>
        HttpSyntax.IsHost(options.TrustDomain) && !options.TrustDomain.Contains(':', StringComparison.Ordinal) && !options.TrustDomain.StartsWith('*')
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"{MeshOptions.Section}:TrustDomain '{options.TrustDomain}' is not a DNS name");
}
