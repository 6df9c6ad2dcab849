using Mesh.Contracts.Validation;
using Microsoft.Extensions.Options;

namespace Mesh.Silo.Hosting;

internal sealed class MeshOptionsValidator : IValidateOptions<MeshOptions>
{
    public ValidateOptionsResult Validate(string? name, MeshOptions options) =>
        ResourceNames.IsValidTrustDomain(options.TrustDomain)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"{MeshOptions.Section}:TrustDomain '{options.TrustDomain}' is not a DNS name");
}
