using System.Net;
using System.Text;
using Mesh.Proxy.EndToEnd.Tests.Harness;
using Mesh.Testing;

namespace Mesh.Proxy.EndToEnd.Tests.Validation;

/// <summary>
/// Route body validation (admin-api.md, "Route additions"): a wrong media type is 415, a body that fails the JSON
/// Schema is 400 naming the failing JSON pointer, and neither reaches the upstream; a good body arrives unchanged.
/// </summary>
[Collection(EdgeCollection.Name)]
public sealed class BodyValidationTests(EdgeFixture edge) : IAsyncLifetime
{
    private const string Schema = """
        { "type": "object", "required": ["sku", "quantity"],
          "properties": { "sku": { "type": "string" }, "quantity": { "type": "integer", "minimum": 1 },
                          "lines": { "type": "array", "items": { "type": "object", "properties": { "price": { "type": "number" } } } } } }
        """;

    private readonly TestBackends _backends = new();

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync() => await _backends.DisposeAsync();

    [Fact]
    public async Task ABodyFailingTheSchema_Is400NamingThePointer_AndTheUpstreamIsUntouched_WhileAGoodBodyArrivesWhole()
    {
        var (path, backend) = await ExposeAsync();

        using var bad = await PostAsync(path, """{ "sku": "a-1", "quantity": 2, "lines": [{ "price": 1.5 }, { "price": "free" }] }""");
        var problem = await bad.ReadJsonAsync();
        using var missing = await PostAsync(path, """{ "sku": "a-1" }""");
        using var notJson = await PostAsync(path, "{ not json");
        var good = """{ "sku": "a-1", "quantity": 2, "lines": [{ "price": 1.5 }] }""";
        using var ok = await PostAsync(path, good);

        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Contains("/lines/1/price", problem["errors"]!.AsObject().Select(e => e.Key));
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, notJson.StatusCode);
        Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
        var received = Assert.Single(backend.Requests);
        Assert.Equal(Encoding.UTF8.GetByteCount(good), received.BodyLength);
    }

    [Fact]
    public async Task AWrongMediaType_Is415_AndAnOversizedBody_Is413_BeforeTheUpstream()
    {
        var (path, backend) = await ExposeAsync();

        using var text = await PostAsync(path, """{ "sku": "a", "quantity": 1 }""", "text/plain");
        using var large = await PostAsync(path, $$"""{ "sku": "{{new string('x', 1_100_000)}}", "quantity": 1 }""");

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, text.StatusCode);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, large.StatusCode);
        Assert.Equal(0, backend.Received);
    }

    [Fact]
    public async Task AnInvalidSchema_Is400NamingValidateJsonSchema()
    {
        var name = Names.Unique("val-bad");
        await edge.Admin.PutServiceAsync(name);

        var fields = await edge.Admin.PutRefusedFieldsAsync($"/api/v1/routes/{name}", $$"""
            { "match": { "path": "/{{name}}" }, "backends": [ { "service": "{{name}}" } ],
              "validate": { "contentTypes": ["json"], "jsonSchema": { "type": 5 } } }
            """);

        Assert.Equal(["validate.contentTypes[0]", "validate.jsonSchema"], fields);
    }

    private async Task<(string Path, TestBackend Backend)> ExposeAsync()
    {
        var name = Names.Unique("validated");
        var backend = await _backends.StartAsync(name);
        await edge.PutServiceAsync(name, "{}", backend);
        await edge.PutRouteAndSyncAsync(name, $$"""
            { "match": { "path": "/{{name}}/{**rest}" }, "backends": [ { "service": "{{name}}" } ],
              "validate": { "contentTypes": ["application/json"], "jsonSchema": {{Schema}} } }
            """);
        return ($"/{name}/orders", backend);
    }

    private async Task<HttpResponseMessage> PostAsync(string path, string body, string mediaType = "application/json")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = new StringContent(body, Encoding.UTF8, mediaType) };
        var response = await edge.Proxy.Http.SendAsync(request);
        await response.Content.LoadIntoBufferAsync();
        return response;
    }
}
