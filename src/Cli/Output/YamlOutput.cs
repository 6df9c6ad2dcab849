using System.Text.Json;
using System.Text.Json.Nodes;
using YamlDotNet.Serialization;

namespace Mesh.Cli.Output;

/// <summary>JSON from the admin API as YAML that <c>meshctl apply</c> reads back as the same document (strings that look like other things are quoted).</summary>
internal static class YamlOutput
{
    private static readonly ISerializer Serializer = new SerializerBuilder().WithQuotingNecessaryStrings().Build();

    public static string Write(JsonNode node) => Serializer.Serialize(ToObject(node));

    private static object? ToObject(JsonNode? node) => node switch
    {
        JsonObject map => map.ToDictionary(p => p.Key, p => ToObject(p.Value)),
        JsonArray list => list.Select(ToObject).ToList(),
        JsonValue value => value.GetValueKind() switch
        {
            JsonValueKind.String => value.GetValue<string>(),
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.Number when value.TryGetValue<long>(out var integer) => integer,
            JsonValueKind.Number => value.GetValue<double>(),
            _ => null,
        },
        _ => null,
    };
}
