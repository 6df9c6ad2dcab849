using Mesh.Contracts.Validation;

namespace Mesh.Silo.Identity;

/// <summary><c>Mesh:Identity</c>: how long issued leaf certificates live, as a duration such as <c>24h</c> or <c>10s</c>.</summary>
internal sealed class IdentityOptions
{
    public const string Section = "Mesh:Identity";

    public string CertificateLifetime { get; set; } = "24h";

    public TimeSpan Lifetime => Duration.TryParse(CertificateLifetime, out var lifetime) ? lifetime : TimeSpan.FromHours(24);
}
