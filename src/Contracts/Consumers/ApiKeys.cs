using System.Security.Cryptography;
using System.Text;

namespace Mesh.Contracts.Consumers;

/// <summary>
/// How API keys are made and checked, the same on the control plane and on every edge. A key is 256 bits from the
/// operating system's CSPRNG, so one salted SHA-256 is enough (a slow password hash defends guessable secrets,
/// which these are not) and an edge checks a key with one hash per request.
/// </summary>
public static class ApiKeys
{
    public const string Scheme = "mesh_";

    /// <summary>The scheme and the key's first four characters: enough to tell keys apart in a list, useless to guess with.</summary>
    public const int PrefixLength = 9;

    private const int SecretBytes = 32;
    private const int SaltBytes = 16;

    /// <summary>Ours are 48 characters; anything far longer is refused before it is hashed.</summary>
    private const int MaxKeyLength = 256;

    /// <summary>A new key for <paramref name="consumer"/>, and what may be stored of it.</summary>
    public static (string Key, ApiKeyHash Stored) Create(string consumer, DateTimeOffset now)
    {
        var key = Scheme + Base64Url(RandomNumberGenerator.GetBytes(SecretBytes));
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        var id = "k" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(5));
        return (key, new ApiKeyHash(id, consumer, key[..PrefixLength], Convert.ToBase64String(salt), Convert.ToBase64String(Hash(salt, key)), now));
    }

    public static byte[] Hash(ReadOnlySpan<byte> salt, string key)
    {
        var hash = new byte[SHA256.HashSizeInBytes];
        HashInto(salt, key, hash);
        return hash;
    }

    /// <summary>Whether <paramref name="key"/> is the one hashed, in time that does not depend on where they differ.</summary>
    public static bool Matches(ReadOnlySpan<byte> salt, ReadOnlySpan<byte> hash, string key)
    {
        if (key.Length > MaxKeyLength)
        {
            return false;
        }

        Span<byte> presented = stackalloc byte[SHA256.HashSizeInBytes];
        HashInto(salt, key, presented);
        return CryptographicOperations.FixedTimeEquals(presented, hash);
    }

    private static void HashInto(ReadOnlySpan<byte> salt, string key, Span<byte> hash)
    {
        Span<byte> input = stackalloc byte[salt.Length + Encoding.UTF8.GetMaxByteCount(Math.Min(key.Length, MaxKeyLength))];
        salt.CopyTo(input);
        var length = salt.Length + Encoding.UTF8.GetBytes(key.AsSpan(0, Math.Min(key.Length, MaxKeyLength)), input[salt.Length..]);
        SHA256.HashData(input[..length], hash);
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
