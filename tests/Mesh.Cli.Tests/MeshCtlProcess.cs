using Mesh.Testing;

namespace Mesh.Cli.Tests;

/// <summary>The built <c>meshctl</c> run as a process, as a user runs it, pointed at a silo through its environment.</summary>
public static class MeshCtlProcess
{
    public static Task<Command> RunAsync(SiloProcess silo, string? token, params string[] arguments) =>
        Command.RunAsync(
            "dotnet",
            [RepoPaths.Program("Cli", "meshctl.dll"), .. arguments],
            environment: new Dictionary<string, string>
            {
                ["MESH_ADMIN_URL"] = silo.Http.BaseAddress!.ToString(),
                ["MESH_ADMIN_TOKEN"] = token ?? string.Empty,
            },
            deadline: TimeSpan.FromSeconds(90));
}
