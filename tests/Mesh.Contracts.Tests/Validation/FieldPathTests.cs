using Mesh.Contracts.Validation;

namespace Mesh.Contracts.Tests.Validation;

public sealed class FieldPathTests
{
    [Fact]
    public void Member_WhenParentIsEmpty_IsTheMemberAlone()
    {
        Assert.Equal("timeout", FieldPath.Member(string.Empty, "timeout"));
    }

    [Fact]
    public void Member_JoinsWithADot()
    {
        Assert.Equal("healthCheck.timeout", FieldPath.Member("healthCheck", "timeout"));
    }

    [Fact]
    public void Index_PutsTheIndexInBrackets()
    {
        Assert.Equal("retry.on[0]", FieldPath.Index("retry.on", 0));
    }

    [Fact]
    public void MemberOfIndex_NamesANestedField()
    {
        Assert.Equal("match.headers[3].values", FieldPath.Member(FieldPath.Index("match.headers", 3), "values"));
        Assert.Equal("backends[1].weight", FieldPath.Member(FieldPath.Index("backends", 1), "weight"));
    }
}
