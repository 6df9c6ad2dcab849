using Orleans.Serialization;

namespace Mesh.Contracts.Catalog;

/// <summary>
/// A snapshot as the catalog pushes it: encoded once per version with Orleans' own serializer, so a commit costs
/// one encoding however many proxies watch (a message carrying the snapshot itself is encoded again for each).
/// </summary>
[GenerateSerializer, Immutable, Alias("mesh.encoded-snapshot")]
public sealed record EncodedSnapshot([property: Id(0)] long Version, [property: Id(1)] byte[] Bytes)
{
    public static EncodedSnapshot Encode(Serializer<CatalogSnapshot> serializer, CatalogSnapshot snapshot) =>
        new(snapshot.Version, serializer.SerializeToArray(snapshot));

    public CatalogSnapshot Decode(Serializer<CatalogSnapshot> serializer) =>
        serializer.Deserialize(Bytes) ?? throw new InvalidOperationException($"snapshot {Version} decoded to nothing");
}
