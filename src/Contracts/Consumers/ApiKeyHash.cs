namespace Mesh.Contracts.Consumers;

/// <summary>
/// An API key as the catalog stores it and edges hold it: never the key, only its id, its public prefix (which
/// narrows the lookup) and a salted SHA-256 of it (<see cref="ApiKeys"/>).
/// </summary>
[GenerateSerializer, Immutable, Alias("mesh.api-key-hash")]
public sealed record ApiKeyHash(
    [property: Id(0)] string KeyId,
    [property: Id(1)] string Consumer,
    [property: Id(2)] string Prefix,
    [property: Id(3)] string Salt,
    [property: Id(4)] string Hash,
    [property: Id(5)] DateTimeOffset CreatedAt);
