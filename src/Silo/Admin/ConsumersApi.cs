using Mesh.Contracts.Catalog;
using Mesh.Contracts.Configuration;
using Mesh.Contracts.Consumers;
using Mesh.Silo.Catalog;
using Mesh.Silo.Hosting;

namespace Mesh.Silo.Admin;

/// <summary>Edge clients and their API keys: a key is shown once, when it is made; only its salted hash is kept.</summary>
internal static class ConsumersApi
{
    public static RouteGroupBuilder MapConsumersApi(this RouteGroupBuilder api)
    {
        var consumers = api.MapGroup("/consumers").WithTags("Consumers");
        consumers.MapGet("/", ListAsync).WithSummary("List consumers").Produces<ConsumerDocument[]>();
        consumers.MapGet("/{id}", GetAsync).WithSummary("Get a consumer").Produces<ConsumerDocument>().ProducesProblem(StatusCodes.Status404NotFound);
        consumers.MapPut("/{id}", PutAsync).WithSummary("Create or replace a consumer")
            .Accepts<ConsumerDocument>("application/json").Produces<ConsumerDocument>().ProducesValidationProblem();
        consumers.MapDelete("/{id}", DeleteAsync).WithSummary("Delete a consumer and revoke its keys")
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status404NotFound);
        consumers.MapPost("/{id}/keys", CreateKeyAsync).WithSummary("Issue an API key (shown in this answer only)")
            .Produces<ApiKeyDocument>(StatusCodes.Status201Created).ProducesProblem(StatusCodes.Status404NotFound);
        consumers.MapGet("/{id}/keys", ListKeysAsync).WithSummary("List a consumer's keys (ids and prefixes, never keys)")
            .Produces<ApiKeyDocument[]>().ProducesProblem(StatusCodes.Status404NotFound);
        consumers.MapDelete("/{id}/keys/{keyId}", RevokeKeyAsync).WithSummary("Revoke an API key: every edge refuses it within a second")
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    private static Task<IResult> ListAsync(HttpContext http, IGrainFactory grains) => SnapshotReads.ListAsync(
        http, grains, snapshot => snapshot.Consumers.Select(c => ConsumerDocuments.From(c.Key, c.Value) with { Version = snapshot.ConfigVersion }));

    private static Task<IResult> GetAsync(string id, HttpContext http, IGrainFactory grains) => SnapshotReads.GetAsync(
        http,
        grains,
        $"consumer '{id}'",
        snapshot => snapshot.Consumers.TryGetValue(id, out var spec) ? ConsumerDocuments.From(id, spec) with { Version = snapshot.ConfigVersion } : null);

    private static Task<IResult> PutAsync(string id, HttpContext http, IGrainFactory grains) =>
        AdminWrites.PutAsync<ConsumerDocument, ConsumerSpec>(
            http,
            id,
            $"consumer '{id}'",
            ConsumerDocuments.Parse,
            spec => grains.Catalog().PutAsync(ResourceKinds.Consumer, id, spec),
            (spec, version) => ConsumerDocuments.From(id, spec) with { Version = version },
            nameField: "id");

    private static async Task<IResult> DeleteAsync(string id, HttpContext http, IGrainFactory grains) =>
        AdminResults.Write(http, await grains.Catalog().DeleteAsync(ResourceKinds.Consumer, id), $"consumer '{id}'", null);

    private static async Task<IResult> CreateKeyAsync(string id, HttpContext http, IGrainFactory grains, [FromKeyedServices(MeshTime.Key)] TimeProvider time)
    {
        var (key, stored) = ApiKeys.Create(id, time.GetUtcNow());
        var result = await grains.Catalog().AddApiKeyAsync(stored);
        if (result.Outcome != WriteOutcome.Applied)
        {
            return AdminResults.Write(http, result, $"consumer '{id}'", null);
        }

        return Results.Json(
            new ApiKeyDocument { Id = stored.KeyId, Key = key, Prefix = stored.Prefix, CreatedAt = stored.CreatedAt },
            AdminJson.Options,
            statusCode: StatusCodes.Status201Created);
    }

    private static async Task<IResult> ListKeysAsync(string id, HttpContext http, IGrainFactory grains)
    {
        var snapshot = await grains.Catalog().GetSnapshotAsync();
        AdminResults.RecordVersions(http, snapshot);
        return snapshot.Consumers.ContainsKey(id)
            ? Results.Ok(snapshot.ApiKeys.Where(k => k.Consumer == id).OrderBy(k => k.CreatedAt)
                .Select(k => new ApiKeyDocument { Id = k.KeyId, Prefix = k.Prefix, CreatedAt = k.CreatedAt }).ToArray())
            : AdminResults.NotFound($"consumer '{id}'");
    }

    private static async Task<IResult> RevokeKeyAsync(string id, string keyId, HttpContext http, IGrainFactory grains) =>
        AdminResults.Write(http, await grains.Catalog().RevokeApiKeyAsync(id, keyId), $"key '{keyId}' of consumer '{id}'", null);
}
