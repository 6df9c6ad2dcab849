namespace Mesh.Cli;

/// <summary>configuration.md, "CLI — meshctl": 0 done, 1 error, 2 usage, 3 <c>diff</c> found changes.</summary>
internal static class ExitCodes
{
    public const int Done = 0;
    public const int Error = 1;
    public const int Usage = 2;
    public const int Changes = 3;
}
