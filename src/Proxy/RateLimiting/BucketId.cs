using System.Security.Cryptography;
using System.Text;

namespace Mesh.Proxy.RateLimiting;

/// <summary>A policy and one partition key of it. Long keys (a header value) are hashed to bound grain keys.</summary>
internal readonly record struct BucketId(string Policy, string Key)
{
    private const int MaxKeyLength = 96;

    public static BucketId For(string policy, string key) =>
        new(policy, key.Length <= MaxKeyLength ? key : "sha256:" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key))));
}
