using System.Security.Cryptography;
using System.Text;
using Mesh.Silo.Hosting;
using Microsoft.Extensions.Options;

namespace Mesh.Silo.Admin;

/// <summary>With <c>Mesh:Admin:Token</c> set, every <c>/api</c> call needs <c>Authorization: Bearer &lt;token&gt;</c>.</summary>
internal sealed class AdminTokenMiddleware(RequestDelegate next, IOptions<AdminOptions> options)
{
    private const string Scheme = "Bearer ";
    private readonly byte[]? _token = string.IsNullOrEmpty(options.Value.Token) ? null : Encoding.UTF8.GetBytes(options.Value.Token);

    public Task InvokeAsync(HttpContext context)
    {
        if (_token is null || IsAuthorized(context.Request.Headers.Authorization.ToString()))
        {
            return next(context);
        }

        context.Response.Headers.WWWAuthenticate = "Bearer";
        return Results.Problem(statusCode: StatusCodes.Status401Unauthorized, title: "A bearer token is required").ExecuteAsync(context);
    }

    private bool IsAuthorized(string authorization) =>
        authorization.StartsWith(Scheme, StringComparison.OrdinalIgnoreCase)
        && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(authorization[Scheme.Length..].Trim()), _token);
}
