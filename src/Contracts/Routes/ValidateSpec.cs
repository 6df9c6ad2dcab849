using System.Collections.Immutable;

namespace Mesh.Contracts.Routes;

/// <summary>
/// A route's body rules: the media types accepted (empty: any; with a schema, JSON ones), and a JSON Schema
/// (draft 2020-12, as its canonical text) bodies must satisfy.
/// </summary>
[GenerateSerializer, Immutable, Alias("mesh.validate-spec")]
public sealed record ValidateSpec(
    [property: Id(0)] ImmutableArray<string> ContentTypes,
    [property: Id(1)] string? JsonSchema);
