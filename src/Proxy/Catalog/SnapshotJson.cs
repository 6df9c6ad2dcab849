using System.Text.Json;
using System.Text.Json.Serialization;

namespace Mesh.Proxy.Catalog;

/// <summary>How snapshots are written to disk and shown on <c>/config</c>: camelCase, enums by name.</summary>
internal static class SnapshotJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}
