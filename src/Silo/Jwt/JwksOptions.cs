using Mesh.Contracts.Validation;

namespace Mesh.Silo.Jwt;

/// <summary><c>Mesh:Jwks</c>: how often the control plane fetches JWT providers' key sets.</summary>
internal sealed class JwksOptions
{
    public const string Section = "Mesh:Jwks";

    /// <summary>Between fetches of a key set that works.</summary>
    public string RefreshInterval { get; set; } = "5m";

    /// <summary>The shortest time between two fetches, however often edges meet unknown key ids.</summary>
    public string MinRefetchInterval { get; set; } = "1m";

    public string FetchTimeout { get; set; } = "5s";

    public TimeSpan Refresh => Parsed(RefreshInterval);

    public TimeSpan MinRefetch => Parsed(MinRefetchInterval);

    public TimeSpan Timeout => Parsed(FetchTimeout);

    private static TimeSpan Parsed(string text) => Duration.TryParse(text, out var value) ? value : TimeSpan.FromMinutes(1);
}
