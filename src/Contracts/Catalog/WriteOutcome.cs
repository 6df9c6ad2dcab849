namespace Mesh.Contracts.Catalog;

[GenerateSerializer, Alias("mesh.write-outcome")]
public enum WriteOutcome
{
    /// <summary>Stored; the catalog version includes it.</summary>
    Applied,

    /// <summary>Refused: a field is wrong or names something that does not exist. Nothing changed.</summary>
    Invalid,

    /// <summary>Refused: the resource is still used by others. Nothing changed.</summary>
    Conflict,

    /// <summary>The resource does not exist. Nothing changed.</summary>
    NotFound,
}
