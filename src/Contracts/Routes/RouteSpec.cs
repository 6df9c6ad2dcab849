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
    /// <summary>The JWT providers a token may come from; empty: any provider.</summary>
    [Id(9)]
    public ImmutableArray<string> JwtProviders { get; init; } = [];

    /// <summary>Who may call, once authenticated; null: every authenticated caller.</summary>
    [Id(10)]
    public RouteAllow? Allow { get; init; }

    [Id(11)]
    public CorsSpec? Cors { get; init; }

    /// <summary>Faults injected on a share of the route's requests; null: none.</summary>
    [Id(12)]
    public FaultSpec? Fault { get; init; }

    /// <summary>What request bodies must be; null: anything passes.</summary>
    [Id(13)]
    public ValidateSpec? Validate { get; init; }

    /// <summary>A shared HTTP cache at each edge; null: responses always stream from the upstream.</summary>
    [Id(14)]
    public CacheSpec? Cache { get; init; }

    /// <summary>Whether the edge must know the caller before anything else happens.</summary>
    [JsonIgnore]
    public bool Authenticates => Auth != AuthMode.None;

    /// <summary>Every service this route sends traffic to, mirrors included.</summary>
    [JsonIgnore]
    public IEnumerable<string> ReferencedServices =>
        Mirror is null ? Backends.Select(b => b.Service) : Backends.Select(b => b.Service).Append(Mirror.Service);
}
