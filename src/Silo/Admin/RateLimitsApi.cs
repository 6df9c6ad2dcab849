using Mesh.Contracts;
using Mesh.Contracts.RateLimiting;
using Mesh.Contracts.Catalog;
using Mesh.Contracts.Configuration;
using Mesh.Silo.Catalog;

namespace Mesh.Silo.Admin;

internal static class RateLimitsApi
{
    public static RouteGroupBuilder MapRateLimitsApi(this RouteGroupBuilder api)
    {
        var policies = api.MapGroup("/ratelimits").WithTags("Rate limits");
        policies.MapGet("/", ListAsync).WithSummary("List rate-limit policies").Produces<RateLimitPolicyDocument[]>();
        policies.MapGet("/{name}", GetAsync).WithSummary("Get a rate-limit policy").Produces<RateLimitPolicyDocument>().ProducesProblem(StatusCodes.Status404NotFound);
        policies.MapPut("/{name}", PutAsync).WithSummary("Create or replace a rate-limit policy")
            .Accepts<RateLimitPolicyDocument>("application/json")
            .Produces<RateLimitPolicyDocument>()
            .ProducesValidationProblem();
        policies.MapGet("/{name}/buckets/{key}", GetBucketAsync).WithSummary("Show one bucket: tokens and outstanding leases").Produces<BucketStatus>().ProducesProblem(StatusCodes.Status404NotFound);
        policies.MapDelete("/{name}", DeleteAsync).WithSummary("Delete a rate-limit policy (refused while routes use it)")
            .Produces(StatusCodes.Status204NoContent)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesValidationProblem(StatusCodes.Status409Conflict);
        return api;
    }

    private static async Task<IResult> ListAsync(HttpContext http, IGrainFactory grains)
    {
        var snapshot = await grains.Catalog().GetSnapshotAsync();
        AdminResults.RecordVersions(http, snapshot);
        return Results.Ok(snapshot.RateLimits.Select(p => RateLimitPolicyDocuments.From(p.Key, p.Value) with { Version = snapshot.ConfigVersion }).ToArray());
    }

    private static async Task<IResult> GetAsync(string name, HttpContext http, IGrainFactory grains)
    {
        var snapshot = await grains.Catalog().GetSnapshotAsync();
        AdminResults.RecordVersions(http, snapshot);
        return snapshot.RateLimits.TryGetValue(name, out var spec)
            ? Results.Ok(RateLimitPolicyDocuments.From(name, spec) with { Version = snapshot.ConfigVersion })
            : AdminResults.NotFound($"rate-limit policy '{name}'");
    }

    private static async Task<IResult> GetBucketAsync(string name, string key, HttpContext http, IGrainFactory grains)
    {
        var snapshot = await grains.Catalog().GetSnapshotAsync();
        AdminResults.RecordVersions(http, snapshot);
        if (!snapshot.RateLimits.TryGetValue(name, out var spec))
        {
            return AdminResults.NotFound($"rate-limit policy '{name}'");
        }

        return Results.Ok(await grains.GetGrain<IRateLimitGrain>(GrainKeys.RateLimitBucket(name, key)).GetBucketAsync(spec));
    }

    private static Task<IResult> PutAsync(string name, HttpContext http, IGrainFactory grains) =>
        AdminWrites.PutAsync<RateLimitPolicyDocument, RateLimitPolicySpec>(
            http,
            name,
            $"rate-limit policy '{name}'",
            RateLimitPolicyDocuments.Parse,
            spec => grains.Catalog().PutAsync(ResourceKinds.RateLimit, name, spec),
            (spec, version) => RateLimitPolicyDocuments.From(name, spec) with { Version = version });

    private static async Task<IResult> DeleteAsync(string name, HttpContext http, IGrainFactory grains) =>
        AdminResults.Write(http, await grains.Catalog().DeleteAsync(ResourceKinds.RateLimit, name), $"rate-limit policy '{name}'", null);
}
