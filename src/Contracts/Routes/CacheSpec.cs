using System.Collections.Immutable;

namespace Mesh.Contracts.Routes;

/// <summary>
/// A route's shared HTTP cache (RFC 9111) at each edge. Freshness comes from the response; <see cref="DefaultTtl"/> only
/// when it says nothing, and never past <see cref="MaxTtl"/>. Responses larger than <see cref="MaxBodyBytes"/> stream
/// through unstored. <see cref="VaryByHeaders"/> and <see cref="VaryByConsumer"/> keep separate entries as a
/// <c>Vary</c> would, whatever the upstream sends.
/// </summary>
[GenerateSerializer, Immutable, Alias("mesh.cache-spec")]
public sealed record CacheSpec(
    [property: Id(0)] TimeSpan DefaultTtl,
    [property: Id(1)] TimeSpan MaxTtl,
    [property: Id(2)] long MaxBodyBytes,
    [property: Id(3)] ImmutableArray<string> VaryByHeaders,
    [property: Id(4)] bool VaryByConsumer);
