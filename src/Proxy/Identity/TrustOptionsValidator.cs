using Mesh.Contracts.Validation;
using Microsoft.Extensions.Options;

namespace Mesh.Proxy.Identity;

internal sealed class TrustOptionsValidator : IValidateOptions<TrustOptions>
{
    public ValidateOptionsResult Validate(string? name, TrustOptions options) =>
        ResourceNames.IsValidTrustDomain(options.TrustDomain)
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"{TrustOptions.Section}:TrustDomain '{options.TrustDomain}' is not a DNS name");
}
