namespace Mesh.Contracts.Identity;

/// <summary>A certificate, or why the request was refused (a malformed or badly signed CSR).</summary>
[GenerateSerializer, Immutable, Alias("mesh.signing-result")]
public sealed record SigningResult(
    [property: Id(0)] IssuedCertificate? Certificate,
    [property: Id(1)] string? Error);
