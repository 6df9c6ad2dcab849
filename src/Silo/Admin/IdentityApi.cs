using System.Text;
using Mesh.Contracts.Identity;
using Mesh.Silo.Hosting;
using Microsoft.Extensions.Options;

namespace Mesh.Silo.Admin;

internal static class IdentityApi
{
    private const string PemMediaType = "application/x-pem-file";
    private const int MaxCsrBytes = 16 * 1024;

    public static RouteGroupBuilder MapIdentityApi(this RouteGroupBuilder api)
    {
        api.MapGet("/ca/root", GetRootAsync).WithSummary("Get the mesh root certificate (PEM)").WithTags("Identity").Produces<string>(contentType: PemMediaType);
        var identities = api.MapGroup("/identities/{service}/certificates").WithTags("Identity");
        identities.MapPost("/", IssueAsync).WithSummary("Sign a CSR into a short-lived SPIFFE certificate")
            .Accepts<string>("application/pkcs10", "text/plain", PemMediaType)
            .Produces<CertificateDocument>()
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound);
        identities.MapGet("/", ListAsync).WithSummary("List the certificates in use by a service").Produces<CertificateDocument[]>().ProducesProblem(StatusCodes.Status404NotFound);
        identities.MapDelete("/{serial}", RevokeAsync).WithSummary("Revoke a certificate: every proxy refuses it within a second").Produces(StatusCodes.Status204NoContent).ProducesProblem(StatusCodes.Status404NotFound);
        return api;
    }

    private static async Task<IResult> GetRootAsync(IGrainFactory grains, IOptions<MeshOptions> mesh) =>
        Results.Text(await grains.GetGrain<ICertificateAuthorityGrain>(mesh.Value.TrustDomain).GetRootPemAsync(), PemMediaType);

    /// <summary>The body is the PEM CSR itself; the certificate's name comes from the URL, never from the CSR.</summary>
    private static async Task<IResult> IssueAsync(string service, HttpContext http, IGrainFactory grains, IOptions<MeshOptions> mesh)
    {
        if (!await KnownServices.ExistsAsync(grains, http, service))
        {
            return AdminResults.NotFound($"service '{service}'");
        }

        if (http.Request.ContentLength > MaxCsrBytes)
        {
            return AdminResults.Invalid(new Dictionary<string, string[]> { ["csr"] = [$"must be at most {MaxCsrBytes} bytes"] });
        }

        using var reader = new StreamReader(http.Request.Body, Encoding.UTF8);
        var csr = await reader.ReadToEndAsync(http.RequestAborted);
        var result = await grains.GetGrain<IIdentityGrain>(service).IssueAsync(csr);
        return result.Certificate is { } certificate
            ? Results.Ok(CertificateDocument.From(certificate, mesh.Value.TrustDomain))
            : AdminResults.Invalid(new Dictionary<string, string[]> { ["csr"] = [result.Error ?? "was refused"] });
    }

    private static async Task<IResult> ListAsync(string service, HttpContext http, IGrainFactory grains, IOptions<MeshOptions> mesh) =>
        await KnownServices.ExistsAsync(grains, http, service)
            ? Results.Ok((await grains.GetGrain<IIdentityGrain>(service).ListAsync()).Select(c => CertificateDocument.From(c, mesh.Value.TrustDomain)).ToArray())
            : AdminResults.NotFound($"service '{service}'");

    private static async Task<IResult> RevokeAsync(string service, string serial, HttpContext http, IGrainFactory grains)
    {
        if (!await KnownServices.ExistsAsync(grains, http, service) || !await grains.GetGrain<IIdentityGrain>(service).RevokeAsync(serial))
        {
            return AdminResults.NotFound($"certificate '{serial}' of service '{service}'");
        }
        return Results.NoContent();
    }
}
