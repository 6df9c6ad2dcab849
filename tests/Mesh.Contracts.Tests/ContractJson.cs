using System.Text.Json;
using System.Text.Json.Serialization;

namespace Mesh.Contracts.Tests;

/// <summary>Reads JSON the way the admin API does: camelCase, case-sensitive, unknown fields refused.</summary>
internal static class ContractJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        PropertyNameCaseInsensitive = false,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    public static T Read<T>(string json) =>
        JsonSerializer.Deserialize<T>(json, Options) ?? throw new InvalidOperationException("the document is null");
}
