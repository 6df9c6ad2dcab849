using Mesh.Contracts.Catalog;
using Mesh.Contracts.Certificates;
using Mesh.Contracts.Configuration;
using Mesh.Silo.Catalog;

namespace Mesh.Silo.Admin;

/// <summary>Edge TLS certificates: the private key is accepted on PUT and never answered.</summary>
internal static class EdgeCertificatesApi
{
    public static RouteGroupBuilder MapEdgeCertificatesApi(this RouteGroupBuilder api)
    {
        var certificates = api.MapGroup("/certificates").WithTags("Edge certificates");
        certificates.MapGet("/", ListAsync).WithSummary("List edge TLS certificates").Produces<EdgeCertificateDocument[]>();
        certificates.MapGet("/{name}", GetAsync).WithSummary("Get an edge TLS certificate (never its key)")
            .Produces<EdgeCertificateDocument>().ProducesProblem(StatusCodes.Status404NotFound);
        certificates.MapPut("/{name}", PutAsync).WithSummary("Create or replace an edge TLS certificate and its key")
            .Accepts<EdgeCertificateDocument>("application/json").Produces<EdgeCertificateDocument>().ProducesValidationProblem();
        certificates.MapDelete("/{name}", DeleteAsync).WithSummary("Delete an edge TLS certificate")
            .Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    private static Task<IResult> ListAsync(HttpContext http, IGrainFactory grains) => SnapshotReads.ListAsync(
        http, grains, snapshot => snapshot.Certificates.Select(c => EdgeCertificateDocuments.From(c.Key, c.Value) with { Version = snapshot.ConfigVersion }));

    private static Task<IResult> GetAsync(string name, HttpContext http, IGrainFactory grains) => SnapshotReads.GetAsync(
        http,
        grains,
        $"certificate '{name}'",
        snapshot => snapshot.Certificates.TryGetValue(name, out var spec) ? EdgeCertificateDocuments.From(name, spec) with { Version = snapshot.ConfigVersion } : null);

    private static Task<IResult> PutAsync(string name, HttpContext http, IGrainFactory grains) =>
        AdminWrites.PutAsync<EdgeCertificateDocument, EdgeCertificateSpec>(
            http,
            name,
            $"certificate '{name}'",
            EdgeCertificateDocuments.Parse,
            spec => grains.Catalog().PutAsync(ResourceKinds.Certificate, name, spec),
            (spec, version) => EdgeCertificateDocuments.From(name, spec) with { Version = version });

    private static async Task<IResult> DeleteAsync(string name, HttpContext http, IGrainFactory grains) =>
        AdminResults.Write(http, await grains.Catalog().DeleteAsync(ResourceKinds.Certificate, name), $"certificate '{name}'", null);
}
