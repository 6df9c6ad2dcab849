namespace Mesh.Contracts.Configuration;

/// <summary>One resource of the configuration: its kind (<c>service</c>, <c>route</c>, …) and its name within the kind.</summary>
[GenerateSerializer, Immutable, Alias("mesh.resource-key")]
public sealed record ResourceKey([property: Id(0)] string Kind, [property: Id(1)] string Name) : IComparable<ResourceKey>
{
    public int CompareTo(ResourceKey? other) => other is null
        ? 1
        : string.CompareOrdinal(Kind, other.Kind) is var byKind and not 0 ? byKind : string.CompareOrdinal(Name, other.Name);

    public static bool operator <(ResourceKey? left, ResourceKey? right) => Compare(left, right) < 0;

    public static bool operator <=(ResourceKey? left, ResourceKey? right) => Compare(left, right) <= 0;

    public static bool operator >(ResourceKey? left, ResourceKey? right) => Compare(left, right) > 0;

    public static bool operator >=(ResourceKey? left, ResourceKey? right) => Compare(left, right) >= 0;

    public override string ToString() => $"{Kind} '{Name}'";

    private static int Compare(ResourceKey? left, ResourceKey? right) => left is null ? (right is null ? 0 : -1) : left.CompareTo(right);
}
