using System.Globalization;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Mesh.Contracts.Configuration;

/// <summary>
/// A YAML document as the JSON it stands for, so both go through one reader (the admin API's and meshctl's):
/// plain scalars typed as YAML 1.2's core schema types them (null, booleans, numbers), quoted ones always strings.
/// </summary>
public static class YamlJson
{
    public static readonly string[] MediaTypes = ["application/yaml", "application/x-yaml", "text/yaml"];

    /// <summary>The JSON text, or the reason the YAML does not parse (with its line and column).</summary>
    public static (string? Json, string? Error) Convert(string yaml)
    {
        var stream = new YamlStream();
        try
        {
            stream.Load(new StringReader(yaml));
        }
        catch (YamlException e)
        {
            return (null, $"is not valid YAML (line {e.Start.Line}, column {e.Start.Column}): {e.InnerException?.Message ?? e.Message}");
        }

        return stream.Documents.Count switch
        {
            0 => ("null", null),
            1 => (ToNode(stream.Documents[0].RootNode)?.ToJsonString() ?? "null", null),
            _ => (null, "must hold one YAML document, not several"),
        };
    }

    private static JsonNode? ToNode(YamlNode node) => node switch
    {
        YamlMappingNode mapping => new JsonObject(mapping.Children.Select(c => KeyValuePair.Create(((YamlScalarNode)c.Key).Value ?? string.Empty, ToNode(c.Value)))),
        YamlSequenceNode sequence => new JsonArray([.. sequence.Children.Select(ToNode)]),
        YamlScalarNode { Style: ScalarStyle.Plain } plain => Plain(plain.Value ?? string.Empty),
        YamlScalarNode quoted => JsonValue.Create(quoted.Value ?? string.Empty),
        _ => throw new YamlException(node.Start, node.End, "aliases and other YAML nodes are not supported here"),
    };

    private static JsonNode? Plain(string text) => text switch
    {
        "" or "~" or "null" or "Null" or "NULL" => null,
        "true" or "True" or "TRUE" => JsonValue.Create(true),
        "false" or "False" or "FALSE" => JsonValue.Create(false),
        _ when long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer) => JsonValue.Create(integer),
        _ when double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && !double.IsNaN(number) && !double.IsInfinity(number) => JsonValue.Create(number),
        _ => JsonValue.Create(text),
    };
}
