using System.Text.Json;
using System.Text.Json.Nodes;
using Mesh.Contracts.Configuration;

namespace Mesh.Cli.Documents;

/// <summary>
/// A configuration document from a file (<c>.yaml</c>, <c>.yml</c> or <c>.json</c>) or from every such file of a
/// directory, merged section by section: a resource defined in two files is an error, not a silent winner.
/// </summary>
internal static class ConfigFiles
{
    private static readonly string[] Extensions = [".yaml", ".yml", ".json"];

    public static JsonObject Read(string path)
    {
        var files = Directory.Exists(path)
            ? Directory.EnumerateFiles(path).Where(f => Extensions.Contains(Path.GetExtension(f), StringComparer.OrdinalIgnoreCase)).Order(StringComparer.Ordinal).ToList()
            : File.Exists(path) ? [path] : throw new CliException($"{path}: no such file or directory");
        if (files.Count == 0)
        {
            throw new CliException($"{path}: no .yaml, .yml or .json files in it");
        }

        var merged = new JsonObject();
        var origins = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            foreach (var (section, resources) in Parse(file))
            {
                if (section == "version")
                {
                    continue;
                }

                if (resources is not JsonObject named)
                {
                    throw new CliException($"{file}: {section} must map names to resources");
                }

                var target = merged[section] as JsonObject ?? (JsonObject)(merged[section] = new JsonObject());
                foreach (var (name, resource) in named.ToList())
                {
                    var key = $"{section}.{name}";
                    if (origins.TryGetValue(key, out var first))
                    {
                        throw new CliException($"{key} is defined in {first} and again in {file}");
                    }

                    origins[key] = file;
                    named.Remove(name);
                    target[name] = resource;
                }
            }
        }

        return merged;
    }

    private static JsonObject Parse(string file)
    {
        var text = File.ReadAllText(file);
        string json;
        if (Path.GetExtension(file).Equals(".json", StringComparison.OrdinalIgnoreCase))
        {
            json = text;
        }
        else
        {
            var (converted, error) = YamlJson.Convert(text);
            json = converted ?? throw new CliException($"{file}: {error}");
        }

        try
        {
            return JsonNode.Parse(json) as JsonObject ?? throw new CliException($"{file}: must hold one configuration document (a mapping of sections)");
        }
        catch (JsonException e)
        {
            throw new CliException($"{file}: is not valid JSON (line {e.LineNumber + 1}): {e.Message}");
        }
    }
}
