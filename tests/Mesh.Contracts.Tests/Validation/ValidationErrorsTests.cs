using Mesh.Contracts.Validation;

namespace Mesh.Contracts.Tests.Validation;

public sealed class ValidationErrorsTests
{
    [Fact]
    public void IsEmpty_WhenNothingWasAdded_IsTrue()
    {
        var errors = new ValidationErrors();

        Assert.True(errors.IsEmpty);
        Assert.Empty(errors.ToDictionary());
        Assert.Empty(errors.ToImmutable());
    }

    [Fact]
    public void Add_WhenSameFieldTwice_KeepsBothMessagesInOrder()
    {
        var errors = new ValidationErrors();
        errors.Add("backends", "first");
        errors.Add("backends", "second");

        Assert.False(errors.IsEmpty);
        Assert.Equal(["first", "second"], errors.ToDictionary()["backends"]);
        Assert.Equal<string>(["first", "second"], errors.ToImmutable()["backends"]);
    }

    [Fact]
    public void ToDictionary_KeysAreInOrdinalOrder()
    {
        var errors = new ValidationErrors();
        errors.Add("timeout", "x");
        errors.Add("backends[1].weight", "x");
        errors.Add("Zone", "x");
        errors.Add("backends", "x");

        Assert.Equal(["Zone", "backends", "backends[1].weight", "timeout"], errors.ToImmutable().Keys.ToArray());
        Assert.Equal(["Zone", "backends", "backends[1].weight", "timeout"], errors.ToDictionary().Keys.Order(StringComparer.Ordinal).ToArray());
    }

    [Fact]
    public void ToDictionary_IsASnapshot()
    {
        var errors = new ValidationErrors();
        errors.Add("timeout", "x");
        var snapshot = errors.ToDictionary();

        errors.Add("timeout", "y");
        errors.Add("order", "z");

        Assert.Equal(["x"], snapshot["timeout"]);
        Assert.False(snapshot.ContainsKey("order"));
    }
}
