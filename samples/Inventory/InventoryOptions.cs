namespace Mesh.Samples.Inventory;

/// <summary>Settings under <c>Sample</c>.</summary>
internal sealed class InventoryOptions
{
    public const string Section = "Sample";

    /// <summary><c>Sample:Instance</c>: the name this instance answers with, so a caller sees which one served it.</summary>
    public string Instance { get; set; } = Environment.MachineName;
}
