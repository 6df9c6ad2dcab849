namespace Mesh.Contracts.Certificates;

/// <summary>
/// The JSON shape of an edge TLS certificate. <c>privateKey</c> is write-only (never answered); <c>name</c>,
/// <c>notAfter</c>, <c>sha256</c> and <c>version</c> are read-only.
/// </summary>
public sealed record EdgeCertificateDocument
{
    public string? Name { get; init; }

    /// <summary>PEM: the leaf first, then the intermediates sent along with it.</summary>
    public string? Certificate { get; init; }

    public string? PrivateKey { get; init; }

    public IReadOnlyList<string>? Hosts { get; init; }

    public DateTimeOffset? NotAfter { get; init; }

    /// <summary>The SHA-256 fingerprint of the leaf (lowercase hex of its DER bytes).</summary>
    public string? Sha256 { get; init; }

    public long? Version { get; init; }
}
