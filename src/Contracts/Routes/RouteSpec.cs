using System.Collections.Immutable;
using System.Text.Json.Serialization;

namespace Mesh.Contracts.Routes;

/// <summary>
/// An edge route: what requests it matches and which services serve them. Without
/// <see cref="MaxRequestBodyBytes"/> request bodies stream through with no size limit.
/// </summary>
[GenerateSerializer, Immutable, Alias("mesh.route-spec")]
public sealed record RouteSpec(
    [property: Id(0)] RouteMatch Match,
    [property: Id(1)] ImmutableArray<WeightedBackend> Backends,
    [property: Id(2)] ImmutableArray<TransformSpec> Transforms,
    [property: Id(3)] string? RateLimit,
    [property: Id(4)] AuthMode Auth,
    [property: Id(5)] TimeSpan? Timeout,
    [property: Id(6)] MirrorSpec? Mirror,
    [property: Id(7)] int Order,
    [property: Id(8)] long? MaxRequestBodyBytes = null)
{
    /// <summary>Every service this route sends traffic to, mirrors included.</summary>
    [JsonIgnore]
    public IEnumerable<string> ReferencedServices =>
        Mirror is null ? Backends.Select(b => b.Service) : Backends.Select(b => b.Service).Append(Mirror.Service);
}
