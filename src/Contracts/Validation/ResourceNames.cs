using System.Text.RegularExpressions;

namespace Mesh.Contracts.Validation;

/// <summary>Naming rules for resources addressed in URLs and grain keys.</summary>
public static partial class ResourceNames
{
    public const string NameRule = "must be a DNS label: 1-63 lowercase letters, digits or '-', starting and ending with a letter or digit";

    public const string EndpointIdRule = "must be 1-128 letters, digits, '.', '_', ':' or '-', starting and ending with a letter or digit";

    /// <summary>Services, routes, rate-limit policies and consumers are named by DNS labels.</summary>
    public static bool IsValidName(string? name) => name is not null && DnsLabel().IsMatch(name);

    /// <summary>Endpoint ids are looser (pod names, host:port) but never contain '/', which separates grain keys.</summary>
    public static bool IsValidEndpointId(string? id) => id is not null && EndpointId().IsMatch(id);

    /// <summary>A SPIFFE trust domain is a DNS name: no port, no wildcard.</summary>
    public static bool IsValidTrustDomain(string? domain) =>
        domain is not null && HttpSyntax.IsHost(domain) && !domain.Contains(':', StringComparison.Ordinal) && !domain.StartsWith('*');

    [GeneratedRegex("^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$")]
    private static partial Regex DnsLabel();

    [GeneratedRegex("^[A-Za-z0-9]([A-Za-z0-9._:-]{0,126}[A-Za-z0-9])?$")]
    private static partial Regex EndpointId();
}
