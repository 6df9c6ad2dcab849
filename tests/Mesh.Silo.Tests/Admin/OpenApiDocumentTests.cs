using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using Mesh.Contracts.Authorization;
using Mesh.Contracts.Certificates;
using Mesh.Contracts.Consumers;
using Mesh.Contracts.Endpoints;
using Mesh.Contracts.Jwt;
using Mesh.Contracts.RateLimiting;
using Mesh.Contracts.Routes;
using Mesh.Contracts.Services;
using Mesh.Contracts.Validation;
using Mesh.Silo.Admin;
using Mesh.Silo.Admin.OpenApi;
using Mesh.Silo.Hosting;
using Mesh.Testing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.OpenApi;
using Microsoft.OpenApi.Reader;

namespace Mesh.Silo.Tests.Admin;

/// <summary>
/// The OpenAPI document a running silo serves: valid OpenAPI 3.1 (read and validated by Microsoft.OpenApi), the
/// admin API and nothing else, every mapped admin route in it and nothing in it that is not mapped, and each
/// operation with a summary, its tag and the problem answers it can give.
/// </summary>
public sealed partial class OpenApiDocumentTests(EmbeddedSiloFixture fixture) : IClassFixture<EmbeddedSiloFixture>
{
    private static readonly string[] Methods = ["get", "put", "post", "delete", "patch"];

    [Fact]
    public async Task Document_IsValidOpenApi31_TitledMeshAdminApiWithTheProductVersion()
    {
        var (document, diagnostic) = await ReadAsync();

        Assert.Empty(diagnostic.Errors);
        Assert.Equal(OpenApiSpecVersion.OpenApi3_1, diagnostic.SpecificationVersion);
        Assert.Empty(document.Validate(ValidationRuleSet.GetDefaultRuleSet())!);
        Assert.Equal("Mesh admin API", document.Info.Title);
        Assert.Equal(
            typeof(AdminApiHosting).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()!.InformationalVersion.Split('+')[0],
            document.Info.Version);
    }

    [Fact]
    public async Task Document_HoldsEveryMappedAdminRoute_AndOnlyThose()
    {
        var (document, _) = await ReadAsync();
        var documented = document.Paths.SelectMany(p => p.Value.Operations!.Keys.Select(m => $"{m.Method.ToUpperInvariant()} {p.Key}")).ToHashSet(StringComparer.Ordinal);

        var mapped = await MappedAdminRoutesAsync();

        Assert.All(document.Paths.Keys, path => Assert.StartsWith("/api/v1/", path, StringComparison.Ordinal));
        Assert.Equal(mapped.Order(StringComparer.Ordinal), documented.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task EveryOperation_HasASummaryAKnownTag_AndTheProblemAnswersItCanGive()
    {
        var (document, _) = await ReadAsync();
        var tags = document.Tags!.Select(t => t.Name).ToHashSet(StringComparer.Ordinal);

        foreach (var (path, item) in document.Paths)
        {
            foreach (var (method, operation) in item.Operations!)
            {
                var what = $"{method} {path}";
                Assert.False(string.IsNullOrWhiteSpace(operation.Summary), $"{what} has no summary");
                Assert.True(operation.Tags?.Count == 1 && tags.Contains(operation.Tags.Single().Name!), $"{what} is not under one of the document's tags");
                var statuses = operation.Responses!.Keys.ToHashSet(StringComparer.Ordinal);
                Assert.Contains("401", statuses);
                if (operation.RequestBody is not null)
                {
                    Assert.Superset(new HashSet<string>(["400", "413", "415"], StringComparer.Ordinal), statuses);
                }

                // A PUT creates what it names; every other call on a named resource can find it missing.
                if (path.Contains('{', StringComparison.Ordinal) && method != HttpMethod.Put)
                {
                    Assert.True(statuses.Contains("404"), $"{what} names a resource but documents no 404");
                }

                foreach (var status in statuses.Where(s => s[0] is '4'))
                {
                    Assert.True(operation.Responses[status].Content?.ContainsKey("application/problem+json") == true, $"{what} answers {status} with problem details");
                }
            }
        }
    }

    [Fact]
    public async Task EveryWritableResource_HasAnExample_ThatTheApiAcceptsAsInput()
    {
        var (document, _) = await ReadAsync();
        var puts = document.Paths.SelectMany(p => p.Value.Operations!.Where(o => o.Key == HttpMethod.Put).Select(o => (Path: p.Key, Operation: o.Value))).ToList();

        Assert.NotEmpty(puts);
        foreach (var (path, operation) in puts)
        {
            var example = operation.RequestBody!.Content!["application/json"].Example;
            Assert.True(example is not null, $"PUT {path} has no example");
            var errors = new ValidationErrors();
            var json = example.ToJsonString();
            _ = Parse(((OpenApiSchemaReference)operation.RequestBody.Content["application/json"].Schema!).Reference.Id!, json, errors);
            Assert.True(errors.IsEmpty, $"the example of PUT {path} is refused: {string.Join("; ", errors.ToDictionary().Select(e => $"{e.Key}: {string.Join(", ", e.Value)}"))}");
        }
    }

    private static object Parse(string schema, string json, ValidationErrors errors) => schema switch
    {
        "ServiceDocument" => ServiceDocuments.Parse(Deserialize<ServiceDocument>(json), errors),
        "EndpointDocument" => EndpointDocuments.Parse(Deserialize<EndpointDocument>(json), errors),
        "RouteDocument" => RouteDocuments.Parse(Deserialize<RouteDocument>(json), errors),
        "RateLimitPolicyDocument" => RateLimitPolicyDocuments.Parse(Deserialize<RateLimitPolicyDocument>(json), errors),
        "AuthzPolicyDocument" => AuthzPolicyDocuments.Parse(Deserialize<AuthzPolicyDocument>(json), errors),
        "EdgeCertificateDocument" => EdgeCertificateDocuments.Parse(Deserialize<EdgeCertificateDocument>(json), errors),
        "ConsumerDocument" => ConsumerDocuments.Parse(Deserialize<ConsumerDocument>(json), errors),
        "JwtProviderDocument" => JwtProviderDocuments.Parse(Deserialize<JwtProviderDocument>(json), errors),
        _ => throw new InvalidOperationException($"no parser for {schema}: add it here"),
    };

    /// <summary>As the admin API reads a body: its JSON options, unknown fields refused.</summary>
    private static T Deserialize<T>(string json) => JsonSerializer.Deserialize<T>(json, AdminJson.Options)!;

    private async Task<(OpenApiDocument Document, OpenApiDiagnostic Diagnostic)> ReadAsync()
    {
        var json = await fixture.Silo.Http.GetStringAsync(AdminOpenApi.DocumentPath);
        var read = OpenApiDocument.Parse(json, "json");
        Assert.NotNull(read.Document);
        return (read.Document, read.Diagnostic!);
    }

    /// <summary>Every admin route the silo maps, as <c>GET /api/v1/services/{name}</c>, from the real host (built, not started).</summary>
    private static async Task<HashSet<string>> MappedAdminRoutesAsync()
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [$"--Mesh:Admin:Urls=http://127.0.0.1:{FreePort.Next()}"] });
        builder.AddMeshSilo();
        await using var app = builder.Build();
        app.MapMeshSilo();
        return ((IEndpointRouteBuilder)app).DataSources
            .SelectMany(source => source.Endpoints)
            .OfType<RouteEndpoint>()
            .Where(endpoint => endpoint.RoutePattern.RawText?.StartsWith("/api/", StringComparison.Ordinal) == true)
            .SelectMany(endpoint => endpoint.Metadata.GetMetadata<HttpMethodMetadata>()!.HttpMethods
                .Select(method => $"{method} {Constraint().Replace(endpoint.RoutePattern.RawText!.TrimEnd('/'), "{$1}")}"))
            .ToHashSet(StringComparer.Ordinal);
    }

    /// <summary><c>{page:int}</c> and <c>{**path}</c> are <c>{page}</c> and <c>{path}</c> in OpenAPI.</summary>
    [GeneratedRegex(@"\{\**([A-Za-z]+)(?::[^}]*)?\}")]
    private static partial Regex Constraint();
}
