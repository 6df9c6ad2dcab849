using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;

namespace Mesh.Contracts.Tests.Jwt;

/// <summary>Real public keys written as a JSON Web Key Set, the way an identity provider publishes them.</summary>
internal static class TestKeySets
{
    public static string Rsa(string kid)
    {
        using var rsa = RSA.Create(2048);
        var p = rsa.ExportParameters(false);
        return $$"""{"keys":[{"kty":"RSA","kid":"{{kid}}","use":"sig","n":"{{Base64UrlEncoder.Encode(p.Modulus)}}","e":"{{Base64UrlEncoder.Encode(p.Exponent)}}"}]}""";
    }

    public static string Ec(string kid)
    {
        using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var p = ec.ExportParameters(false);
        return $$"""{"keys":[{"kty":"EC","kid":"{{kid}}","crv":"P-256","x":"{{Base64UrlEncoder.Encode(p.Q.X)}}","y":"{{Base64UrlEncoder.Encode(p.Q.Y)}}"}]}""";
    }
}
