using Mesh.Contracts.Catalog;
using Mesh.Contracts.Configuration;
using Mesh.Contracts.Jwt;
using Mesh.Silo.Catalog;

namespace Mesh.Silo.Admin;

/// <summary>JWT providers, each shown with how the control plane's last fetch of its key set went.</summary>
internal static class JwtProvidersApi
{
    public static RouteGroupBuilder MapJwtProvidersApi(this RouteGroupBuilder api)
    {
        var providers = api.MapGroup("/jwt-providers").WithTags("JWT providers");
        providers.MapGet("/", ListAsync).WithSummary("List JWT providers").Produces<JwtProviderDocument[]>();
        providers.MapGet("/{name}", GetAsync).WithSummary("Get a JWT provider and the state of its key set")
            .Produces<JwtProviderDocument>().ProducesProblem(StatusCodes.Status404NotFound);
        providers.MapPut("/{name}", PutAsync).WithSummary("Create or replace a JWT provider")
            .Accepts<JwtProviderDocument>("application/json").Produces<JwtProviderDocument>().ProducesValidationProblem();
        providers.MapDelete("/{name}", DeleteAsync).WithSummary("Delete a JWT provider")
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    private static async Task<IResult> ListAsync(HttpContext http, IGrainFactory grains)
    {
        var fetched = await grains.Catalog().GetJwksStatusAsync();
        return await SnapshotReads.ListAsync(http, grains, snapshot => snapshot.JwtProviders.Select(p => Document(p.Key, p.Value, fetched.GetValueOrDefault(p.Key), snapshot.ConfigVersion)));
    }

    private static async Task<IResult> GetAsync(string name, HttpContext http, IGrainFactory grains)
    {
        var fetched = await grains.Catalog().GetJwksStatusAsync();
        return await SnapshotReads.GetAsync(
            http,
            grains,
            $"JWT provider '{name}'",
            snapshot => snapshot.JwtProviders.TryGetValue(name, out var entry) ? Document(name, entry, fetched.GetValueOrDefault(name), snapshot.ConfigVersion) : null);
    }

    private static Task<IResult> PutAsync(string name, HttpContext http, IGrainFactory grains) =>
        AdminWrites.PutAsync<JwtProviderDocument, JwtProviderSpec>(
            http,
            name,
            $"JWT provider '{name}'",
            JwtProviderDocuments.Parse,
            spec => grains.Catalog().PutAsync(ResourceKinds.JwtProvider, name, spec),
            (spec, version) => JwtProviderDocuments.From(name, spec) with { Version = version });

    private static async Task<IResult> DeleteAsync(string name, HttpContext http, IGrainFactory grains) =>
        AdminResults.Write(http, await grains.Catalog().DeleteAsync(ResourceKinds.JwtProvider, name), $"JWT provider '{name}'", null);

    private static JwtProviderDocument Document(string name, JwtProviderEntry entry, JwksFetch? fetch, long version) =>
        JwtProviderDocuments.From(name, entry.Spec) with
        {
            Version = version,
            JwksStatus = entry.Spec.JwksUri is null
                ? new JwksStatusDocument { Keys = KeyCount(entry.Keys) }
                : new JwksStatusDocument
                {
                    Keys = KeyCount(entry.Keys),
                    FetchedAt = fetch?.FetchedAt,
                    AttemptedAt = fetch?.AttemptedAt,
                    Error = fetch is null ? "not fetched yet" : fetch.Error,
                },
        };

    private static int KeyCount(string? keys) => keys is null ? 0 : JsonWebKeys.Read(keys).Keys.Count;
}
