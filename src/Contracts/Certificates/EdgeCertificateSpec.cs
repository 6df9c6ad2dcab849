using System.Collections.Immutable;

namespace Mesh.Contracts.Certificates;

/// <summary>
/// A certificate edges serve by SNI for <see cref="Hosts"/>, with the chain sent along with it (<see cref="Chain"/>,
/// PEM, leaf first). Its private key travels only in a put (<see cref="PrivateKey"/>) and from the catalog to edges
/// that ask for it: the catalog keeps keys apart from the configuration, so no document, history entry, diff or
/// snapshot holds one.
/// </summary>
[GenerateSerializer, Immutable, Alias("mesh.edge-certificate-spec")]
public sealed record EdgeCertificateSpec(
    [property: Id(0)] string Chain,
    [property: Id(1)] ImmutableArray<string> Hosts,
    [property: Id(2)] string Sha256,
    [property: Id(3)] DateTimeOffset NotAfter,
    [property: Id(4)] string? PrivateKey = null)
{
    /// <summary>The name that serves a TLS handshake whose SNI no certificate's hosts cover.</summary>
    public const string DefaultName = "default";

    /// <summary>Without the key, as snapshots, documents and logs carry it.</summary>
    public EdgeCertificateSpec WithoutKey() => PrivateKey is null ? this : this with { PrivateKey = null };

    /// <summary>Never the key: a record's generated text would print it wherever the spec is logged.</summary>
    public override string ToString() => $"certificate {Sha256} for {string.Join(", ", Hosts)}, valid until {NotAfter:O}";
}
