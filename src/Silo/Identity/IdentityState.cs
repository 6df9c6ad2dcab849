namespace Mesh.Silo.Identity;

[GenerateSerializer, Alias("mesh.identity-state")]
internal sealed class IdentityState
{
    /// <summary>Certificates issued and not yet expired, by serial.</summary>
    [Id(0)]
    public Dictionary<string, IssuedRecord> Issued { get; set; } = new(StringComparer.Ordinal);
}

[GenerateSerializer, Alias("mesh.issued-record")]
internal sealed class IssuedRecord
{
    [Id(0)]
    public DateTimeOffset NotBefore { get; set; }

    [Id(1)]
    public DateTimeOffset NotAfter { get; set; }

    [Id(2)]
    public bool Revoked { get; set; }
}
