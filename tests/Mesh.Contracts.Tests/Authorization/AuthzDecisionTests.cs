using Mesh.Contracts.Authorization;

namespace Mesh.Contracts.Tests.Authorization;

public sealed class AuthzDecisionTests
{
    private static readonly AuthzPolicySpec Policy = new(
    [
        new AuthzRule(["web"], ["GET"], ["/api/*"]),
        new AuthzRule(["orders"], [], ["/stock"]),
        new AuthzRule(["*"], ["GET"], ["/healthz"]),
    ]);

    [Theory]
    [InlineData("web", "GET", "/api/items")]
    [InlineData("web", "get", "/api/")]
    [InlineData("orders", "POST", "/stock")]
    [InlineData("anyone", "GET", "/healthz")]
    public void Deny_WhenARuleMatchesCallerMethodAndPath_ReturnsNull(string caller, string method, string path) =>
        Assert.Null(AuthzDecision.Deny(Policy, caller, method, path));

    [Theory]
    [InlineData("stranger", "GET", "/api/items", "no rule for caller 'stranger' and method GET allows path /api/items")]
    [InlineData("web", "POST", "/api/items", "no rule for caller 'web' allows method POST")]
    [InlineData("web", "GET", "/admin", "no rule for caller 'web' and method GET allows path /admin")]
    [InlineData("orders", "GET", "/stock/1", "no rule for caller 'orders' and method GET allows path /stock/1")]
    public void Deny_NamesWhatFailed(string caller, string method, string path, string expected) =>
        Assert.Equal(expected, AuthzDecision.Deny(Policy, caller, method, path));

    [Fact]
    public void Deny_ACallerNoRuleNames_SaysSo() =>
        Assert.Equal("no rule allows caller 'edge'", AuthzDecision.Deny(new AuthzPolicySpec([new AuthzRule(["orders"], [], [])]), "edge", "GET", "/"));

    [Fact]
    public void Deny_WithoutAPolicy_AllowsEveryone() => Assert.Null(AuthzDecision.Deny(null, "anyone", "DELETE", "/x"));

    [Fact]
    public void Deny_WithAnEmptyPolicy_AllowsNoOne() =>
        Assert.Equal("the policy allows no caller", AuthzDecision.Deny(new AuthzPolicySpec([]), "web", "GET", "/"));
}
