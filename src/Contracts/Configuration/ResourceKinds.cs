namespace Mesh.Contracts.Configuration;

/// <summary>The kinds of configuration resource, as they are named in diffs, history and the CLI.</summary>
public static class ResourceKinds
{
    public const string Service = "service";
    public const string Endpoint = "endpoint";
    public const string Route = "route";
    public const string RateLimit = "rateLimit";
    public const string Authz = "authz";
    public const string Certificate = "certificate";
    public const string Consumer = "consumer";
    public const string JwtProvider = "jwtProvider";

    /// <summary>A static endpoint's name: its service and its id (endpoint ids never contain '/').</summary>
    public static string EndpointName(string service, string id) => service + "/" + id;
}
