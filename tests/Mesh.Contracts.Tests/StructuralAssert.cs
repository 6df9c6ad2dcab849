using System.Text.Json;

namespace Mesh.Contracts.Tests;

/// <summary>
/// Compares specs by value. Records holding <c>ImmutableArray</c> compare those arrays by reference,
/// so specs are compared through their JSON rendering instead.
/// </summary>
internal static class StructuralAssert
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static void Equal<T>(T expected, T actual) =>
        Assert.Equal(JsonSerializer.Serialize(expected, Indented), JsonSerializer.Serialize(actual, Indented));
}
