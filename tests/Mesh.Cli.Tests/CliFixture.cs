using Mesh.Testing;

namespace Mesh.Cli.Tests;

/// <summary>A silo with an admin token and one edge proxy on it, shared by a test class.</summary>
public sealed class CliFixture : IAsyncLifetime
{
    public const string Token = "cli-test-token";

    public SiloProcess Silo { get; private set; } = null!;

    public ProxyProcess Edge { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Silo = SiloProcess.Start(token: Token);
        await Silo.WaitUntilReadyAsync();
        await Silo.Http.PutServiceAsync("fixture");
        Edge = ProxyProcess.Start(Silo.GatewayPort, id: "cli-edge-" + Guid.NewGuid().ToString("N")[..6]);
        await Edge.WaitUntilReadyAsync();
    }

    public async Task DisposeAsync()
    {
        await Edge.DisposeAsync();
        await Silo.DisposeAsync();
    }

    public Task<Command> RunAsync(params string[] arguments) => MeshCtlProcess.RunAsync(Silo, Token, arguments);
}
