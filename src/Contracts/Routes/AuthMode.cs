namespace Mesh.Contracts.Routes;

/// <remarks>Stored state keeps the number: add new values at the end.</remarks>
[GenerateSerializer, Alias("mesh.auth-mode")]
public enum AuthMode
{
    None,
    ApiKey,
    Jwt,
    ApiKeyOrJwt,
}
