using System.Text.Json;
using Microsoft.IdentityModel.Tokens;

namespace Mesh.Contracts.Jwt;

/// <summary>
/// Reads a JSON Web Key Set into the keys tokens may be signed with. Only asymmetric keys count: a symmetric
/// (<c>oct</c>) key would let anyone who can read the configuration mint tokens, so a set holding one is refused.
/// </summary>
public static class JsonWebKeys
{
    public const int MaxKeys = 64;

    /// <summary>The signing keys of <paramref name="json"/>, or why it is not a usable key set.</summary>
    public static (IList<SecurityKey> Keys, string? Error) Read(string json)
    {
        JsonWebKeySet set;
        try
        {
            set = new JsonWebKeySet(json) { SkipUnresolvedJsonWebKeys = true };
        }
        catch (Exception e) when (e is JsonException or ArgumentException)
        {
            return ([], $"is not a JSON Web Key Set: {e.Message}");
        }

        if (set.Keys.Count == 0)
        {
            return ([], "holds no keys: a JSON Web Key Set is {\"keys\": [...]}");
        }

        if (set.Keys.Count > MaxKeys)
        {
            return ([], $"holds {set.Keys.Count} keys; at most {MaxKeys} are accepted");
        }

        if (set.Keys.FirstOrDefault(k => string.Equals(k.Kty, JsonWebAlgorithmsKeyTypes.Octet, StringComparison.Ordinal)) is { } symmetric)
        {
            return ([], $"key '{symmetric.Kid}' is symmetric (kty oct): HMAC keys are refused, use RSA or EC keys");
        }

        var keys = set.GetSigningKeys();
        return keys.Count == 0
            ? ([], "holds no usable signing key: RSA keys need n and e, EC keys crv, x and y")
            : (keys, null);
    }
}
