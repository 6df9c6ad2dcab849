namespace Mesh.Contracts.Configuration;

[GenerateSerializer, Alias("mesh.change-kind")]
public enum ChangeKind
{
    Create,
    Update,
    Delete,
}
