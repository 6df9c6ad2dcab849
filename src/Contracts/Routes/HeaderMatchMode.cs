namespace Mesh.Contracts.Routes;

/// <remarks>Stored state keeps the number: add new values at the end.</remarks>
[GenerateSerializer, Alias("mesh.header-match-mode")]
public enum HeaderMatchMode
{
    Exact,
    Prefix,
    Exists,
}
