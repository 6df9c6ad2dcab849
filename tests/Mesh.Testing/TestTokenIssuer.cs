using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Mesh.Testing;

/// <summary>
/// An identity provider in the test: a real RSA or ECDSA signing key, its public JSON Web Key Set, and tokens minted
/// with Microsoft.IdentityModel as a production IdP would mint them.
/// </summary>
public sealed class TestTokenIssuer : IDisposable
{
    private readonly AsymmetricAlgorithm _key;
    private readonly SigningCredentials _credentials;
    private readonly JsonWebKey _publicKey;

    private TestTokenIssuer(string issuer, string kid, AsymmetricAlgorithm key, SecurityKey securityKey, string algorithm, JsonWebKey publicKey)
    {
        Issuer = issuer;
        KeyId = kid;
        _key = key;
        securityKey.KeyId = kid;
        _credentials = new SigningCredentials(securityKey, algorithm);
        _publicKey = publicKey;
        _publicKey.KeyId = kid;
    }

    public string Issuer { get; }

    public string KeyId { get; }

    /// <summary>A JSON Web Key Set holding this issuer's public key only.</summary>
    public string Jwks => KeySet(this);

    public static TestTokenIssuer Rsa(string issuer, string kid)
    {
        var rsa = RSA.Create(2048);
        return new TestTokenIssuer(issuer, kid, rsa, new RsaSecurityKey(rsa), SecurityAlgorithms.RsaSha256,
            JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(rsa.ExportParameters(false))));
    }

    public static TestTokenIssuer Ec(string issuer, string kid)
    {
        var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        return new TestTokenIssuer(issuer, kid, ec, new ECDsaSecurityKey(ec), SecurityAlgorithms.EcdsaSha256,
            JsonWebKeyConverter.ConvertFromECDsaSecurityKey(new ECDsaSecurityKey(ECDsa.Create(ec.ExportParameters(false)))));
    }

    /// <summary>A key set publishing the public keys of every issuer given (a rotation publishes old and new).</summary>
    public static string KeySet(params TestTokenIssuer[] issuers) =>
        JsonSerializer.Serialize(new Dictionary<string, object> { ["keys"] = issuers.Select(i => i.PublicKeyFields()).ToArray() });

    /// <summary>A signed token for <paramref name="subject"/>; by default valid for ten minutes from now.</summary>
    public string Mint(
        string subject,
        string? audience = null,
        IReadOnlyDictionary<string, object>? claims = null,
        DateTime? expires = null,
        DateTime? notBefore = null,
        string? issuer = null)
    {
        var now = DateTime.UtcNow;
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = issuer ?? Issuer,
            Audience = audience,
            Subject = new ClaimsIdentity([new Claim("sub", subject)]),
            IssuedAt = (notBefore ?? now).AddSeconds(-1),
            NotBefore = notBefore ?? now.AddSeconds(-1),
            Expires = expires ?? now.AddMinutes(10),
            Claims = claims?.ToDictionary(c => c.Key, c => c.Value),
            SigningCredentials = _credentials,
        };
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
    }

    /// <summary>The same claims as <see cref="Mint"/> under <c>"alg": "none"</c>, with no signature: what an attacker sends.</summary>
    public string MintUnsigned(string subject, string? audience = null)
    {
        var header = Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes("""{"alg":"none","typ":"JWT"}"""));
        var exp = DateTimeOffset.UtcNow.AddMinutes(10).ToUnixTimeSeconds();
        var payload = Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new Dictionary<string, object?>
        {
            ["iss"] = Issuer,
            ["sub"] = subject,
            ["aud"] = audience,
            ["exp"] = exp,
        })));
        return $"{header}.{payload}.";
    }

    /// <summary>A validly signed token whose payload was then changed to name <paramref name="impostor"/>.</summary>
    public string MintTampered(string subject, string impostor, string? audience = null)
    {
        var parts = Mint(subject, audience).Split('.');
        var payload = Encoding.UTF8.GetString(Base64UrlEncoder.DecodeBytes(parts[1])).Replace($"\"sub\":\"{subject}\"", $"\"sub\":\"{impostor}\"", StringComparison.Ordinal);
        return $"{parts[0]}.{Base64UrlEncoder.Encode(Encoding.UTF8.GetBytes(payload))}.{parts[2]}";
    }

    public void Dispose() => _key.Dispose();

    private Dictionary<string, string> PublicKeyFields()
    {
        var fields = new Dictionary<string, string> { ["kty"] = _publicKey.Kty, ["kid"] = KeyId, ["use"] = "sig" };
        if (_publicKey.Kty == JsonWebAlgorithmsKeyTypes.RSA)
        {
            fields["n"] = _publicKey.N;
            fields["e"] = _publicKey.E;
        }
        else
        {
            fields["crv"] = _publicKey.Crv;
            fields["x"] = _publicKey.X;
            fields["y"] = _publicKey.Y;
        }

        return fields;
    }
}
