namespace Mesh.Contracts.Identity;

/// <summary>A leaf certificate issued to a service, in PEM, with the serial that revokes it.</summary>
[GenerateSerializer, Immutable, Alias("mesh.issued-certificate")]
public sealed record IssuedCertificate(
    [property: Id(0)] string Service,
    [property: Id(1)] string Serial,
    [property: Id(2)] string CertificatePem,
    [property: Id(3)] DateTimeOffset NotBefore,
    [property: Id(4)] DateTimeOffset NotAfter);
