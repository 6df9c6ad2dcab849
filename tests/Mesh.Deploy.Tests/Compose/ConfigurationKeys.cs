using System.Text.RegularExpressions;
using Mesh.Testing;

namespace Mesh.Deploy.Tests.Compose;

/// <summary>
/// The configuration keys of the contract, read from the tables of shared/docs/configuration.md (beside the
/// repository as <c>../shared</c>, on developer machines and in CI alike), and of the repository's own
/// docs/configuration.md, which documents the keys it adds.
/// </summary>
public static partial class ConfigurationKeys
{
    public static string DocumentPath => Path.GetFullPath(Path.Combine(RepoPaths.Root, "..", "shared", "docs", "configuration.md"));

    public static string ExtensionsPath => Path.Combine(RepoPaths.Root, "docs", "configuration.md");

    /// <summary>Both documents, for messages.</summary>
    public static string Documents => $"{DocumentPath} or {ExtensionsPath}";

    public static IReadOnlySet<string> Read()
    {
        Assert.True(File.Exists(DocumentPath), $"the configuration contract is not at {DocumentPath}");
        Assert.True(File.Exists(ExtensionsPath), $"the repository's configuration keys are not at {ExtensionsPath}");
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in File.ReadLines(DocumentPath).Concat(File.ReadLines(ExtensionsPath)))
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
