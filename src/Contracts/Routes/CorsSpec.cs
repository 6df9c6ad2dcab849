using System.Collections.Immutable;

namespace Mesh.Contracts.Routes;

/// <summary>
/// Which browser origins may call a route. An origin is exact (<c>https://app.example.com</c>), has one <c>*</c>
/// label (<c>https://*.example.com</c>), or is <c>*</c> (never with credentials).
/// </summary>
[GenerateSerializer, Immutable, Alias("mesh.cors-spec")]
public sealed record CorsSpec(
    [property: Id(0)] ImmutableArray<string> AllowOrigins,
    [property: Id(1)] ImmutableArray<string> AllowMethods,
    [property: Id(2)] ImmutableArray<string> AllowHeaders,
    [property: Id(3)] ImmutableArray<string> ExposeHeaders,
    [property: Id(4)] bool AllowCredentials,
    [property: Id(5)] TimeSpan? MaxAge);
