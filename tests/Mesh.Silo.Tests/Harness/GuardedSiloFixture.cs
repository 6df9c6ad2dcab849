using Mesh.Testing;

namespace Mesh.Silo.Tests.Harness;

/// <summary>One silo process started with <c>Mesh:Admin:Token</c>, shared by a test class; its client sends the token.</summary>
public sealed class GuardedSiloFixture : IAsyncLifetime
{
    public const string Token = "s3cret-token";

    public SiloProcess Silo { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Silo = SiloProcess.Start(token: Token);
        await Silo.WaitUntilReadyAsync();
    }

    public async Task DisposeAsync() => await Silo.DisposeAsync();
}
