namespace Mesh.Cli.Commands;

/// <summary>The kinds <c>get</c> and <c>delete</c> take, as people type them, and where the admin API keeps each.</summary>
internal sealed record CliKind(string Name, string Section, string Path)
{
    public static readonly CliKind Service = new("service", "services", "/api/v1/services");
    public static readonly CliKind Route = new("route", "routes", "/api/v1/routes");
    public static readonly CliKind RateLimit = new("ratelimit", "rateLimits", "/api/v1/ratelimits");
    public static readonly CliKind Authz = new("authz", "authz", "/api/v1/authz");
    public static readonly CliKind Certificate = new("certificate", "certificates", "/api/v1/certificates");
    public static readonly CliKind Consumer = new("consumer", "consumers", "/api/v1/consumers");
    public static readonly CliKind JwtProvider = new("jwt-provider", "jwtProviders", "/api/v1/jwt-providers");

    /// <summary>An endpoint is named service/id.</summary>
    public static readonly CliKind Endpoint = new("endpoint", "endpoints", "/api/v1/services");

    public static readonly CliKind Config = new("config", string.Empty, "/api/v1/config");

    private static readonly CliKind[] All = [Service, Route, RateLimit, Authz, Certificate, Consumer, JwtProvider, Endpoint, Config];

    public static string Names => "services, routes, ratelimits, authz, certificates, consumers, jwt-providers, endpoints, config";

    public static CliKind Parse(string text) =>
        All.FirstOrDefault(k => string.Equals(text.TrimEnd('s'), k.Name.TrimEnd('s'), StringComparison.OrdinalIgnoreCase))
        ?? throw new CliException($"'{text}' is not a kind: {Names}");

    /// <summary>Where one resource is: <c>/api/v1/routes/orders</c>, <c>/api/v1/services/orders/endpoints/orders-1</c>.</summary>
    public string PathOf(string name)
    {
        if (this != Endpoint)
        {
            return $"{Path}/{Uri.EscapeDataString(name)}";
        }

        var slash = name.IndexOf('/', StringComparison.Ordinal);
        return slash > 0
            ? $"{Path}/{Uri.EscapeDataString(name[..slash])}/endpoints/{Uri.EscapeDataString(name[(slash + 1)..])}"
            : throw new CliException($"an endpoint is named service/id, not '{name}'");
    }
}
