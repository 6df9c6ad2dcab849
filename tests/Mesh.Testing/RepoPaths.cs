namespace Mesh.Testing;

/// <summary>Where the built programs and scripts are, found from the test assembly's location.</summary>
public static class RepoPaths
{
    public static string Root { get; } = FindRoot();

    /// <summary>The configuration this test assembly was built in; the programs were built alongside it.</summary>
    public static string Configuration { get; } =
        AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Release{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Release" : "Debug";

    public static string SiloAssembly => Program("Silo", "Mesh.Silo.dll");

    /// <summary>A program of <c>src/</c>, e.g. <c>Program("Proxy", "Mesh.Proxy.dll")</c>.</summary>
    public static string Program(string project, string assembly) => Built("src", project, assembly);

    /// <summary>A sample service of <c>samples/</c>, e.g. <c>Sample("Orders", "Mesh.Samples.Orders.dll")</c>.</summary>
    public static string Sample(string project, string assembly) => Built("samples", project, assembly);

    private static string Built(string folder, string project, string assembly)
    {
        var path = Path.Combine(Root, folder, project, "bin", Configuration, "net10.0", assembly);
        return File.Exists(path) ? path : throw new FileNotFoundException($"{assembly} is not built; build Mesh.sln in {Configuration} first", path);
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Mesh.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("Mesh.sln not found above " + AppContext.BaseDirectory);
    }
}
