using System.Text.Json.Nodes;
using Mesh.Contracts.Validation;

namespace Mesh.Silo.Catalog;

/// <summary>
/// The fields in which two documents differ, as the admin API names fields (<c>backends[0].weight</c>): every
/// leaf value, list item or member that one has and the other has not or holds differently.
/// </summary>
internal static class JsonFieldDiff
{
    public static IReadOnlyList<string> Paths(string before, string after)
    {
        var paths = new List<string>();
        Compare(JsonNode.Parse(before), JsonNode.Parse(after), string.Empty, paths);
        return paths;
    }

    private static void Compare(JsonNode? before, JsonNode? after, string path, List<string> paths)
    {
        switch (before, after)
        {
            case (JsonObject a, JsonObject b):
                foreach (var name in a.Select(p => p.Key).Union(b.Select(p => p.Key)).Order(StringComparer.Ordinal))
                {
                    Compare(a[name], b[name], FieldPath.Member(path, name), paths);
                }

                break;
            case (JsonArray a, JsonArray b):
                for (var i = 0; i < Math.Max(a.Count, b.Count); i++)
                {
                    Compare(i < a.Count ? a[i] : null, i < b.Count ? b[i] : null, FieldPath.Index(path, i), paths);
                }

                break;
            default:
                if (!JsonNode.DeepEquals(before, after))
                {
                    paths.Add(path);
                }

                break;
        }
    }
}
