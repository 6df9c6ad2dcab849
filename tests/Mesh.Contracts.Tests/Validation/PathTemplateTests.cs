using Mesh.Contracts.Validation;

namespace Mesh.Contracts.Tests.Validation;

public sealed class PathTemplateTests
{
    [Theory]
    [InlineData("/")]
    [InlineData("/orders")]
    [InlineData("/orders/")]
    [InlineData("/orders/{**rest}")]
    [InlineData("/{**catch-all}")]
    [InlineData("/files/{*path}")]
    [InlineData("/{id:int}")]
    [InlineData("/a/{b?}")]
    [InlineData("/api/v1/{id:int:min(1)}")]
    [InlineData("/{a}/{b}/{**c}")]
    [InlineData("/a-b_c.d~e")]
    public void Check_WhenTemplateIsGood_ReturnsNull(string template)
    {
        Assert.Null(PathTemplate.Check(template));
    }

    [Theory]
    [InlineData("orders", "must start with '/'")]
    [InlineData("", "must start with '/'")]
    [InlineData("/a//b", "must not contain an empty segment ('//')")]
    [InlineData("//", "must not contain an empty segment ('//')")]
    [InlineData("/{**rest}/x", "a catch-all parameter ('{*x}' or '{**x}') may only be the last segment")]
    [InlineData("/{*rest}/x", "a catch-all parameter ('{*x}' or '{**x}') may only be the last segment")]
    [InlineData("/{a}/{a}", "parameter 'a' appears twice")]
    [InlineData("/{id}/{ID}", "parameter 'ID' appears twice")]
    [InlineData("/{}", "segment '{}' must be a literal or one parameter such as '{id}' or '{**rest}'")]
    [InlineData("/{a}{b}", "segment '{a}{b}' must be a literal or one parameter such as '{id}' or '{**rest}'")]
    [InlineData("/{1a}", "segment '{1a}' must be a literal or one parameter such as '{id}' or '{**rest}'")]
    [InlineData("/{a", "segment '{a' must be a literal or one parameter such as '{id}' or '{**rest}'")]
    [InlineData("/a}", "segment 'a}' must be a literal or one parameter such as '{id}' or '{**rest}'")]
    [InlineData("/a b", "segment 'a b' contains a character not allowed in a path")]
    [InlineData("/a?b", "segment 'a?b' contains a character not allowed in a path")]
    [InlineData("/a#b", "segment 'a#b' contains a character not allowed in a path")]
    [InlineData("/{id:bogus}", "segment '{id:bogus}' uses the unknown route constraint 'bogus'")]
    [InlineData("/{id:int:frobnicate(3)}", "segment '{id:int:frobnicate(3)}' uses the unknown route constraint 'frobnicate'")]
    public void Check_WhenTemplateIsBad_SaysWhy(string template, string expected)
    {
        Assert.Equal(expected, PathTemplate.Check(template));
    }

    /// <remarks>ASP.NET routing (and so YARP) refuses "{*x?}": the proxy could not load a route the API accepted.</remarks>
    [Theory]
    [InlineData("/{*rest?}")]
    [InlineData("/files/{**rest?}")]
    public void Check_WhenCatchAllIsMarkedOptional_SaysWhy(string template)
    {
        Assert.NotNull(PathTemplate.Check(template));
    }
}
