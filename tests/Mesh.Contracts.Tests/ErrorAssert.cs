using Mesh.Contracts.Validation;

namespace Mesh.Contracts.Tests;

/// <summary>Assertions on what a client would see in the <c>errors</c> object of a 400 answer.</summary>
internal static class ErrorAssert
{
    public static void None(ValidationErrors errors) =>
        Assert.True(errors.IsEmpty, $"expected no errors, got {Describe(errors)}");

    /// <summary>The errors name exactly these fields, no more and no fewer.</summary>
    public static void Keys(ValidationErrors errors, params string[] expected) =>
        Assert.Equal(
            expected.Order(StringComparer.Ordinal).ToArray(),
            errors.ToDictionary().Keys.Order(StringComparer.Ordinal).ToArray());

    /// <summary>The errors name exactly this field, with exactly these messages.</summary>
    public static void Only(ValidationErrors errors, string field, params string[] messages)
    {
        Keys(errors, field);
        Assert.Equal(messages, errors.ToDictionary()[field]);
    }

    private static string Describe(ValidationErrors errors) =>
        string.Join("; ", errors.ToDictionary().Select(e => $"{e.Key}: {string.Join(" / ", e.Value)}"));
}
