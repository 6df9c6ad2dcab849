using Mesh.Contracts.Consumers;
using Mesh.Silo.Catalog;
using Mesh.Silo.Catalog.Kinds;

namespace Mesh.Silo.Consumers;

/// <summary>
/// API keys live beside the configuration, not in it: an apply or a rollback never brings a revoked key back, and
/// <c>GET /config</c> never holds one. A consumer's keys end with the consumer.
/// </summary>
internal static class ConsumerKeys
{
    /// <summary>Keys one consumer may hold at once: enough to rotate, not enough to hide a leak in.</summary>
    public const int MaxPerConsumer = 20;

    /// <summary>Forgets the keys of consumers the configuration no longer holds.</summary>
    public static void ForgetOrphans(Dictionary<string, ApiKeyHash> keys, ConfigTables config)
    {
        foreach (var id in keys.Where(k => config.Find<ConsumerSpec>(ConfigKinds.Consumer, k.Value.Consumer) is null).Select(k => k.Key).ToList())
        {
            keys.Remove(id);
        }
    }
}
