namespace Mesh.Samples.Greeter;

/// <summary><c>Sample:</c> settings.</summary>
internal sealed class GreeterOptions
{
    public const string Section = "Sample";

    /// <summary>Named in every reply, so a caller sees which instance answered.</summary>
    public string Instance { get; set; } = Environment.MachineName;
}
