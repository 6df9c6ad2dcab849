using System.Text.RegularExpressions;
using Mesh.Testing;

namespace Mesh.Deploy.Tests.Compose;

/// <summary>
/// The configuration keys users are told about: every key named in the first column of a table in the
/// repository's docs/configuration.md (the shared contract's keys and the ones this repository adds).
/// </summary>
public static partial class ConfigurationKeys
{
    public static string DocumentPath => Path.Combine(RepoPaths.Root, "docs", "configuration.md");

    public static IReadOnlySet<string> Read()
    {
        Assert.True(File.Exists(DocumentPath), $"the configuration keys are not at {DocumentPath}");
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(DocumentPath))
        {
            // | `Orleans:ClusterId` / `Orleans:ServiceId` | default | meaning |
            var cells = line.Split('|');
            if (cells.Length < 3 || !line.TrimStart().StartsWith('|'))
            {
                continue;
            }

            foreach (Match key in KeyPattern().Matches(cells[1]))
            {
                keys.Add(key.Groups[1].Value);
            }
        }

        return keys;
    }

    /// <summary><c>Mesh__Admin__Urls</c> → <c>Mesh:Admin:Urls</c>, as .NET's environment provider reads it.</summary>
    public static string FromEnvironmentName(string name) => name.Replace("__", ":", StringComparison.Ordinal);

    /// <summary>Environment names that configure a Mesh program and so must be keys of the contract.</summary>
    public static bool IsMeshSetting(string name) =>
        name.StartsWith("Mesh__", StringComparison.Ordinal)
        || name.StartsWith("Orleans__", StringComparison.Ordinal)
        || name.StartsWith("ConnectionStrings__", StringComparison.Ordinal);

    [GeneratedRegex(@"`([A-Za-z]+(?::[A-Za-z]+)+)`")]
    private static partial Regex KeyPattern();
}
