using System.Reflection;
using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Mesh.Silo.Admin.OpenApi;

/// <summary>The document as a reader meets it: what it is, which version, the resources in order, and how to authenticate.</summary>
internal sealed class AdminDocumentTransformer : IOpenApiDocumentTransformer
{
    public const string SecurityScheme = "adminToken";

    /// <summary>Resources in the order a reader needs them, each with what it is.</summary>
    private static readonly (string Name, string Description)[] Tags =
    [
        ("Services", "A service: how proxies load-balance, time out, retry, health-check, eject and break the circuit for its endpoints."),
        ("Endpoints", "The instances of a service: static ones, and ones that register themselves with a TTL and heartbeat."),
        ("Routes", "How the edge matches requests and which services (weighted) serve them."),
        ("Rate limits", "Mesh-wide token buckets; routes name a policy."),
        ("Circuits", "One circuit per service for the whole mesh, fed by every proxy's outcomes."),
        ("Identity", "The mesh certificate authority and the short-lived SPIFFE certificates of services."),
        ("Authorization", "Which mesh identities may call a service, and how."),
        ("Consumers", "Edge clients: their groups, their rate-limit tier, and their API keys (shown once, stored as salted hashes)."),
        ("JWT providers", "Identity providers whose tokens the edge accepts; the control plane fetches their key sets, proxies never do."),
        ("Edge certificates", "The TLS certificates edges serve by SNI; their private keys go in and never come out."),
        ("Configuration", "The whole catalog as one document."),
        ("Proxies", "Every connected proxy and the catalog version it applied."),
        ("Cache", "Mesh-wide purges of what the edges' HTTP caches store, and which edges applied them."),
        ("Analytics", "Requests, status classes, bytes and latency percentiles per route, service, consumer and call, from every proxy's reports; kept 24 hours."),
    ];

    public Task TransformAsync(OpenApiDocument document, OpenApiDocumentTransformerContext context, CancellationToken cancellationToken)
    {
        document.Info = new OpenApiInfo
        {
            Title = "Mesh admin API",
            Version = ProductVersion(),
            Description = """
                The control plane of Mesh: services, endpoints, routes and policies, each backed by an Orleans grain. Every response carries
                `X-Mesh-Config-Version`, the catalog version after the call. Bad input answers 400 with RFC 9457 problem details whose
                `errors` name each bad field, and nothing is stored. With `Mesh:Admin:Token` set, every call needs
                `Authorization: Bearer <token>` (browsers: log in at `/login`).
                """,
        };
        document.Tags = new HashSet<OpenApiTag>(Tags.Select(t => new OpenApiTag { Name = t.Name, Description = t.Description }));
        document.Components ??= new OpenApiComponents();
        document.Components.SecuritySchemes ??= new Dictionary<string, IOpenApiSecurityScheme>();
        document.Components.SecuritySchemes[SecurityScheme] = new OpenApiSecurityScheme
        {
            Type = SecuritySchemeType.Http,
            Scheme = "bearer",
            Description = "The silo's Mesh:Admin:Token. Without a token configured the admin API is open (and may listen on loopback only).",
        };
        document.Security = [new OpenApiSecurityRequirement { [new OpenApiSecuritySchemeReference(SecurityScheme, document)] = [] }];
        return Task.CompletedTask;
    }

    /// <summary>The informational version without the source revision the SDK appends (<c>1.0.0+abc123</c>).</summary>
    private static string ProductVersion()
    {
        var version = typeof(AdminDocumentTransformer).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "0.0.0";
        var plus = version.IndexOf('+', StringComparison.Ordinal);
        return plus < 0 ? version : version[..plus];
    }
}
