using System.Text.Json.Nodes;

namespace Mesh.Proxy.EndToEnd.Tests.Harness;

/// <summary>An access log a proxy is writing (<c>Mesh:Proxy:AccessLog</c>): its lines so far, each a JSON object.</summary>
public static class AccessLogFile
{
    public static IReadOnlyList<JsonNode> Lines(string path)
    {
        if (!File.Exists(path))
        {
            return [];
        }

        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        return [.. reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonNode.Parse(l)!)];
    }
}
