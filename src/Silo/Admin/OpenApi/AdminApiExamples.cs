using System.Text.Json.Nodes;
using Microsoft.OpenApi;

namespace Mesh.Silo.Admin.OpenApi;

/// <summary>
/// An example of each resource, on the request body that takes it and on the answers that show it. The request
/// examples are valid input (a test parses and validates each one), so a reader can send them as they are.
/// </summary>
internal static class AdminApiExamples
{
    /// <summary>Examples by the schema they illustrate; <c>[]</c> marks a list of them.</summary>
    public static IReadOnlyDictionary<string, string> BySchema { get; } = new Dictionary<string, string>(StringComparer.Ordinal)
    {
        ["ServiceDocument"] = """
            { "loadBalancing": "powerOfTwoChoices", "timeout": "30s",
              "retry": { "attempts": 2, "on": [502, 503, 504], "budgetPercent": 20 },
              "healthCheck": { "enabled": true, "protocol": "http", "path": "/healthz", "expectedStatuses": [200, 399],
                               "interval": "5s", "timeout": "2s", "unhealthyThreshold": 2, "healthyThreshold": 1 },
              "outlierDetection": { "consecutiveFailures": 5, "baseEjection": "30s", "maxEjectionPercent": 50 },
              "circuitBreaker": { "failureRatio": 0.5, "minimumThroughput": 20, "window": "10s", "breakDuration": "15s", "halfOpenProbes": 3 } }
            """,
        ["EndpointDocument"] = """{ "address": "http://10.0.0.12:7001", "weight": 1, "zone": "eu-1", "metadata": { "version": "1.4.2" }, "ttl": "15s" }""",
        ["RouteDocument"] = """
            { "match": { "hosts": ["api.example.com"], "path": "/orders/{**rest}", "methods": ["GET", "POST"],
                         "headers": [{ "name": "x-canary", "values": ["1"], "mode": "exact" }] },
              "backends": [{ "service": "orders", "weight": 90 }, { "service": "orders-v2", "weight": 10 }],
              "transforms": [{ "pathRemovePrefix": "/orders" }, { "requestHeader": "x-from", "set": "edge" }],
              "rateLimit": "per-client", "timeout": "10s", "mirror": { "service": "orders-shadow", "percent": 5 },
              "order": 0, "maxRequestBodyBytes": 1048576,
              "cors": { "allowOrigins": ["https://app.example.com", "https://*.example.com"], "allowMethods": ["GET", "POST"],
                        "allowHeaders": ["content-type"], "allowCredentials": false, "maxAge": "10m" } }
            """,
        ["RateLimitPolicyDocument"] = """{ "permitsPerSecond": 100, "burst": 100, "partitionBy": "clientIp", "failMode": "open" }""",
        ["ConsumerDocument"] = """{ "groups": ["gold"], "rateLimit": "gold-tier", "metadata": { "team": "checkout" } }""",
        ["JwtProviderDocument"] = """
            { "issuer": "https://idp.example.com/", "audiences": ["orders-api"], "jwksUri": "https://idp.example.com/.well-known/jwks.json",
              "consumerClaim": "sub", "groupsClaim": "groups", "claimsToHeaders": [{ "claim": "email", "header": "x-user-email" }], "clockSkew": "30s" }
            """,
        ["AuthzPolicyDocument"] = """{ "allow": [{ "from": ["web"], "methods": ["GET"], "paths": ["/api/*"] }] }""",
        // A throwaway self-signed pair for api.example.com, valid until 2126: a reader can PUT it as it is.
        ["EdgeCertificateDocument"] = """
            { "certificate": "-----BEGIN CERTIFICATE-----\nMIIBtjCCAVygAwIBAgIUNaul0mWv2is8thaJA4xwOWSYqL8wCgYIKoZIzj0EAwIw\nGjEYMBYGA1UEAwwPYXBpLmV4YW1wbGUuY29tMCAXDTI2MTIwMjA0MjQyNVoYDzIx\nMjYxMTA4MDQyNDI1WjAaMRgwFgYDVQQDDA9hcGkuZXhhbXBsZS5jb20wWTATBgcq\nhkjOPQIBBggqhkjOPQMBBwNCAARzPDg72ScoBpnvHDci9WAACDwNhakMVBEfPKT0\nHUomEf/bfNcsHViAy7LXpMC13jdJ9eRBFD6HCOclZHf9Wytjo34wfDAdBgNVHQ4E\nFgQUYhm3rEEw6zLFZU1SIZ76hYGKuUYwHwYDVR0jBBgwFoAUYhm3rEEw6zLFZU1S\nIZ76hYGKuUYwDwYDVR0TAQH/BAUwAwEB/zApBgNVHREEIjAggg9hcGkuZXhhbXBs\nZS5jb22CDSouZXhhbXBsZS5jb20wCgYIKoZIzj0EAwIDSAAwRQIgB50efE8vQzKy\nruhRo6hXcyfqKeXVz/rPOWW0h8Oli4ACIQCB3IAi5Mk2nH+sGleECFEVVQdiu+CP\ntzLBTr69PGMbfg==\n-----END CERTIFICATE-----\n",
              "privateKey": "-----BEGIN PRIVATE KEY-----\nMIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQgu/FyRQboCEeyDqsm\n4qNJ0eDm+0Eqp/TpunLUvMmR1bmhRANCAARzPDg72ScoBpnvHDci9WAACDwNhakM\nVBEfPKT0HUomEf/bfNcsHViAy7LXpMC13jdJ9eRBFD6HCOclZHf9Wytj\n-----END PRIVATE KEY-----\n",
              "hosts": ["api.example.com", "*.example.com"] }
            """,
        ["CircuitDocument"] = """{ "state": "closed", "failureRatio": 0.12, "requests": 340, "openedAt": null, "since": "2026-12-01T09:30:00Z", "retryAt": null }""",
        ["BucketStatus"] = """{ "tokens": 42.5, "capacity": 100, "permitsPerSecond": 100, "granted": 1780, "leases": [{ "proxyId": "edge-1", "granted": 12, "expiresAt": "2026-12-01T09:30:02Z" }] }""",
        ["ProxyDocument[]"] = """[{ "id": "edge-1", "mode": "edge", "address": "10.0.0.5", "appliedVersion": 1764581400123, "converged": true, "lastError": null, "lastSeen": "2026-12-01T09:30:00Z" }]""",
        ["CertificateDocument"] = """{ "serial": "5F2A9C0E41B7D3A8", "spiffeId": "spiffe://mesh.local/service/orders", "certificate": "-----BEGIN CERTIFICATE-----\n…\n-----END CERTIFICATE-----\n", "notBefore": "2026-12-01T09:30:00Z", "notAfter": "2026-12-02T09:30:00Z" }""",
    };

    public static void Apply(OpenApiOperation operation)
    {
        if (operation.RequestBody?.Content is { } requestContent)
        {
            foreach (var media in requestContent.Values)
            {
                SetExample(media, answer: false);
            }
        }

        if (operation.Responses?.TryGetValue("200", out var ok) == true && ok.Content is { } responseContent)
        {
            foreach (var media in responseContent.Values)
            {
                SetExample(media, answer: true);
            }
        }
    }

    private static void SetExample(OpenApiMediaType media, bool answer)
    {
        if (SchemaName(media.Schema) is { } name && BySchema.TryGetValue(name, out var example))
        {
            var node = JsonNode.Parse(example);
            if (answer && node is JsonObject written)
            {
                // Write-only: an answer never carries it.
                written.Remove("privateKey");
            }

            media.Example = node;
        }
    }

    private static string? SchemaName(IOpenApiSchema? schema) => schema switch
    {
        OpenApiSchemaReference reference => reference.Reference.Id,
        { Type: JsonSchemaType.Array, Items: OpenApiSchemaReference items } => items.Reference.Id + "[]",
        _ => null,
    };
}
