using Mesh.Testing;
using YamlDotNet.Serialization;

namespace Mesh.Deploy.Tests.Compose;

/// <summary>
/// docker-compose.yml as Compose itself resolves it (<c>docker-compose config</c>: variables interpolated,
/// anchors merged, relative paths made absolute). Needs no Docker engine; scripts/test.sh installs
/// Debian's docker-compose when it is missing.
/// </summary>
public sealed class ComposeFile
{
    /// <summary>The admin token the compose file requires; any value will do for validation.</summary>
    public const string TokenVariable = "MESH_ADMIN_TOKEN";

    private ComposeFile(Dictionary<object, object> root)
    {
        Services = ((Dictionary<object, object>)root["services"]).ToDictionary(s => (string)s.Key, s => (Dictionary<object, object>)s.Value);
    }

    public IReadOnlyDictionary<string, Dictionary<object, object>> Services { get; }

    public static async Task<ComposeFile> LoadAsync()
    {
        var environment = new Dictionary<string, string> { [TokenVariable] = "compose-test-token" };
        var (fileName, arguments) = await FindComposeAsync();
        var config = await Command.RunAsync(fileName, [.. arguments, "config"], RepoPaths.Root, environment);
        Assert.True(config.ExitCode == 0, $"docker-compose config refused docker-compose.yml: {config}");
        var root = new DeserializerBuilder().Build().Deserialize<Dictionary<object, object>>(config.Output);
        return new ComposeFile(root);
    }

    public static Dictionary<object, object>? Section(Dictionary<object, object> service, string name) =>
        service.TryGetValue(name, out var value) ? value as Dictionary<object, object> : null;

    public static IEnumerable<object> List(Dictionary<object, object> service, string name) =>
        service.TryGetValue(name, out var value) && value is List<object> list ? list : [];

    public static IReadOnlyDictionary<string, string> Environment(Dictionary<object, object> service) =>
        Section(service, "environment")?.ToDictionary(e => (string)e.Key, e => e.Value?.ToString() ?? "") ?? [];

    /// <summary>Host paths of bind mounts, in the short (<c>/src:/dst:ro</c>) or long syntax.</summary>
    public static IEnumerable<(string Source, string Target)> BindMounts(Dictionary<object, object> service)
    {
        foreach (var volume in List(service, "volumes"))
        {
            if (volume is string spec && spec.StartsWith('/'))
            {
                var parts = spec.Split(':');
                yield return (parts[0], parts[1]);
            }
            else if (volume is Dictionary<object, object> mount && (mount.GetValueOrDefault("type") as string) == "bind")
            {
                yield return ((string)mount["source"], (string)mount["target"]);
            }
        }
    }

    /// <summary>Published ports as <c>published:target</c> strings, whatever syntax Compose printed.</summary>
    public static IEnumerable<string> Ports(Dictionary<object, object> service) =>
        List(service, "ports").Select(p => p switch
        {
            Dictionary<object, object> port => $"{port.GetValueOrDefault("published")}:{port.GetValueOrDefault("target")}",
            _ => p.ToString() ?? "",
        });

    private static async Task<(string FileName, string[] Arguments)> FindComposeAsync()
    {
        foreach (var (fileName, arguments) in new[] { ("docker-compose", Array.Empty<string>()), ("docker", ["compose"]) })
        {
            try
            {
                if ((await Command.RunAsync(fileName, [.. arguments, "version"])).ExitCode == 0)
                {
                    return (fileName, arguments);
                }
            }
            catch (System.ComponentModel.Win32Exception)
            {
                // Not installed; try the next one.
            }
        }

        Assert.Fail("neither docker-compose nor 'docker compose' is installed: run ./scripts/test.sh as root (it installs Debian's docker-compose) or install it");
        throw new InvalidOperationException("unreachable");
    }
}
