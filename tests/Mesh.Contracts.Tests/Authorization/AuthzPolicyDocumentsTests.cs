using Mesh.Contracts.Authorization;
using Mesh.Contracts.Validation;

namespace Mesh.Contracts.Tests.Authorization;

public sealed class AuthzPolicyDocumentsTests
{
    [Fact]
    public void Parse_TheContractExample_HasNoErrors()
    {
        var errors = new ValidationErrors();

        var spec = AuthzPolicyDocuments.Parse(
            new AuthzPolicyDocument { Allow = [new AuthzRuleDocument { From = ["web"], Methods = ["get"], Paths = ["/api/*"] }] },
            errors);

        ErrorAssert.None(errors);
        Assert.Equal<string>(["GET"], spec.Allow.Single().Methods);
        Assert.Equal<string>(["/api/*"], spec.Allow.Single().Paths);
    }

    [Fact]
    public void Parse_NamesEveryBadField()
    {
        var errors = new ValidationErrors();

        AuthzPolicyDocuments.Parse(
            new AuthzPolicyDocument
            {
                Allow =
                [
                    new AuthzRuleDocument { From = [], Methods = ["FETCH"], Paths = ["api"] },
                    new AuthzRuleDocument { From = ["Bad Name"], Paths = ["/a*b"] },
                ],
            },
            errors);

        ErrorAssert.Keys(errors, "allow[0].from", "allow[0].methods[0]", "allow[0].paths[0]", "allow[1].from[0]", "allow[1].paths[0]");
    }

    [Fact]
    public void Parse_WithoutAllow_IsRefused()
    {
        var errors = new ValidationErrors();

        AuthzPolicyDocuments.Parse(new AuthzPolicyDocument(), errors);

        ErrorAssert.Keys(errors, "allow");
    }
}
