using System.Text.RegularExpressions;

namespace Mesh.Deploy.Tests.Images;

/// <summary>The instructions of a Dockerfile, continuation lines joined and comments dropped.</summary>
public sealed partial class Dockerfile
{
    private Dockerfile(string path, IReadOnlyList<(string Keyword, string Arguments)> instructions)
    {
        Path = path;
        Instructions = instructions;
    }

    public string Path { get; }

    public IReadOnlyList<(string Keyword, string Arguments)> Instructions { get; }

    public IEnumerable<string> Arguments(string keyword) =>
        Instructions.Where(i => i.Keyword == keyword).Select(i => i.Arguments);

    /// <summary>Sources of COPY instructions that read the build context (not <c>--from</c> a stage).</summary>
    public IEnumerable<string> ContextCopySources() =>
        Arguments("COPY")
            .Where(a => !a.StartsWith("--from", StringComparison.Ordinal))
            .SelectMany(a => a.Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(w => !w.StartsWith("--", StringComparison.Ordinal)).SkipLast(1));

    /// <summary>Names set by ENV instructions (<c>ENV A=1 B=2</c>).</summary>
    public IEnumerable<string> EnvironmentNames() =>
        Arguments("ENV").SelectMany(a => EnvAssignment().Matches(a).Select(m => m.Groups[1].Value));

    public static Dockerfile Load(string path)
    {
        var instructions = new List<(string, string)>();
        var pending = "";
        foreach (var raw in File.ReadLines(path))
        {
            var line = raw.Trim();
            if (line.StartsWith('#') || line.Length == 0)
            {
                continue;
            }

            pending += line.EndsWith('\\') ? line[..^1] + " " : line;
            if (line.EndsWith('\\'))
            {
                continue;
            }

            var split = pending.IndexOf(' ', StringComparison.Ordinal);
            instructions.Add((pending[..split].ToUpperInvariant(), WhiteSpace().Replace(pending[(split + 1)..], " ").Trim()));
            pending = "";
        }

        return new Dockerfile(path, instructions);
    }

    [GeneratedRegex(@"(?:^|\s)([A-Za-z_][A-Za-z0-9_]*)=")]
    private static partial Regex EnvAssignment();

    [GeneratedRegex(@"\s+")]
    private static partial Regex WhiteSpace();
}
