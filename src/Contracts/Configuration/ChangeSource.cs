namespace Mesh.Contracts.Configuration;

/// <summary>How a configuration version came about.</summary>
/// <remarks>Stored in history: add new values at the end.</remarks>
[GenerateSerializer, Alias("mesh.change-source")]
public enum ChangeSource
{
    Put,
    Delete,
    Apply,
    Rollback,
}
