namespace Mesh.Silo.Hosting;

/// <summary><c>Mesh:Admin</c>: where the admin API, dashboard, health and metrics listen.</summary>
internal sealed class AdminOptions
{
    public const string Section = "Mesh:Admin";

    public string Urls { get; set; } = "http://127.0.0.1:5100";

    public string? Token { get; set; }
}
