using System.Text.Json.Nodes;

namespace Mesh.Cli.Commands;

/// <summary>The changes an apply, diff or rollback answered, a line each, like decK's diff: <c>update route 'orders': backends[0].weight</c>.</summary>
internal static class Changes
{
    public static int Write(TextWriter output, JsonNode answer)
    {
        var changes = answer["changes"]?.AsArray() ?? [];
        foreach (var change in changes)
        {
            var fields = change!["fields"]?.AsArray().Select(f => (string?)f).ToList() ?? [];
            output.WriteLine($"{(string?)change["change"]} {(string?)change["kind"]} '{(string?)change["name"]}'{(fields.Count > 0 ? ": " + string.Join(", ", fields) : string.Empty)}");
        }

        var counts = changes.GroupBy(c => (string?)c!["change"]).ToDictionary(g => g.Key ?? string.Empty, g => g.Count());
        output.WriteLine($"{counts.GetValueOrDefault("create")} to create, {counts.GetValueOrDefault("update")} to update, {counts.GetValueOrDefault("delete")} to delete");
        return changes.Count;
    }
}
