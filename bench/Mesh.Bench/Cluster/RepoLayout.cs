using Mesh.Bench.Cli;

namespace Mesh.Bench.Cluster;

/// <summary>Where the Release builds of the programs are: <c>src/*/bin/Release/net10.0</c> under the Mesh.sln folder.</summary>
internal sealed class RepoLayout(string root)
{
    private const string Configuration = "Release";
    private const string TargetFramework = "net10.0";

    public string Root { get; } = Path.GetFullPath(root);

    public string SiloAssembly => Program("Silo", "Mesh.Silo.dll");

    public string ProxyAssembly => Program("Proxy", "Mesh.Proxy.dll");

    /// <summary>bench/BareYarp: YARP with one static route, the reference the edge is measured against.</summary>
    public string BareYarpAssembly => Existing(Path.Combine(Root, "bench", "BareYarp", "bin", Configuration, TargetFramework, "Mesh.Bench.BareYarp.dll"));

    /// <summary>The Mesh.sln folder above the working directory or above this program.</summary>
    public static RepoLayout Find()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, "Mesh.sln")))
                {
                    return new RepoLayout(dir.FullName);
                }
            }
        }

        throw new UsageException("Mesh.sln not found above the working directory; pass --repo");
    }

    private string Program(string project, string assembly) =>
        Existing(Path.Combine(Root, "src", project, "bin", Configuration, TargetFramework, assembly));

    private static string Existing(string path) => File.Exists(path)
        ? path
        : throw new BenchFailedException($"{path} is missing: build first with 'dotnet build Mesh.sln -c Release -m:1'");
}
