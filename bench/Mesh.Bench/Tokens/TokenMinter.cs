using System.Security.Claims;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Mesh.Bench.Tokens;

/// <summary>
/// <c>jwt-tokens</c>: an RS256 key, its public key set (<c>jwks.json</c>) and <c>count</c> distinct tokens valid for a
/// day (<c>tokens.txt</c>, one per line), so a load generator can send a token the edge has not seen on every request.
/// </summary>
internal sealed class TokenMinter(string folder, int count, string issuer, string audience)
{
    public Task<int> RunAsync(CancellationToken cancellationToken)
    {
        Directory.CreateDirectory(folder);
        using var rsa = RSA.Create(2048);
        var key = new RsaSecurityKey(rsa) { KeyId = "bench-fresh-1" };
        var publicKey = rsa.ExportParameters(false);
        var jwks = new Dictionary<string, object>
        {
            ["keys"] = new[]
            {
                new Dictionary<string, string>
                {
                    ["kty"] = "RSA", ["kid"] = key.KeyId, ["use"] = "sig",
                    ["n"] = Base64UrlEncoder.Encode(publicKey.Modulus), ["e"] = Base64UrlEncoder.Encode(publicKey.Exponent),
                },
            },
        };
        File.WriteAllText(Path.Combine(folder, "jwks.json"), JsonSerializer.Serialize(jwks));

        var handler = new JsonWebTokenHandler();
        var credentials = new SigningCredentials(key, SecurityAlgorithms.RsaSha256);
        var now = DateTime.UtcNow;
        using var tokens = new StreamWriter(Path.Combine(folder, "tokens.txt"));
        for (var i = 0; i < count && !cancellationToken.IsCancellationRequested; i++)
        {
            tokens.WriteLine(handler.CreateToken(new SecurityTokenDescriptor
            {
                Issuer = issuer,
                Audience = audience,
                Subject = new ClaimsIdentity([new Claim("sub", $"client-{i}")]),
                NotBefore = now.AddMinutes(-1),
                Expires = now.AddDays(1),
                SigningCredentials = credentials,
            }));
        }

        Console.WriteLine($"jwt-tokens: {count} tokens and jwks.json in {folder}");
        return Task.FromResult(0);
    }
}
