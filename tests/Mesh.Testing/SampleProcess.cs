namespace Mesh.Testing;

/// <summary>
/// A sample service of <c>samples/</c> (orders, inventory, greeter) started as a real process on a free loopback
/// port, with an HTTP client to it: the application a sidecar fronts.
/// </summary>
public sealed class SampleProcess : IAsyncDisposable
{
    private SampleProcess(MeshProcess process, string name, int port, bool http2Only)
    {
        Process = process;
        Name = name;
        Port = port;
        Http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false })
        {
            BaseAddress = new Uri(Address),
            Timeout = TimeSpan.FromSeconds(30),
            DefaultRequestVersion = http2Only ? System.Net.HttpVersion.Version20 : System.Net.HttpVersion.Version11,
            DefaultVersionPolicy = http2Only ? HttpVersionPolicy.RequestVersionExact : HttpVersionPolicy.RequestVersionOrLower,
        };
    }

    public MeshProcess Process { get; }

    /// <summary>The assembly it runs, e.g. <c>Mesh.Samples.Orders.dll</c>.</summary>
    public string Name { get; }

    public int Port { get; }

    /// <summary>Where it listens, e.g. for <c>Mesh:Sidecar:App</c>.</summary>
    public string Address => $"http://127.0.0.1:{Port}";

    /// <summary>Calls the application directly, past any sidecar.</summary>
    public HttpClient Http { get; }

    /// <summary>Starts <c>samples/{project}/bin/…/{assembly}</c> with <c>--urls=http://127.0.0.1:{port}</c> and <paramref name="extraArguments"/>.</summary>
    /// <param name="http2Only">The app speaks cleartext HTTP/2 only (a gRPC app): <see cref="Http"/> uses prior knowledge.</param>
    public static SampleProcess Start(string project, string assembly, IEnumerable<string>? extraArguments = null, int? port = null, bool http2Only = false)
    {
        var listen = port ?? FreePort.Next();
        var arguments = new List<string> { $"--urls=http://127.0.0.1:{listen}" };
        arguments.AddRange(extraArguments ?? []);
        return new SampleProcess(MeshProcess.Start(RepoPaths.Sample(project, assembly), arguments), assembly, listen, http2Only);
    }

    /// <summary>The orders sample, calling inventory through the sidecar outbound listener at <paramref name="outboundPort"/>.</summary>
    public static SampleProcess StartOrders(int outboundPort, IEnumerable<string>? extraArguments = null) =>
        Start("Orders", "Mesh.Samples.Orders.dll", [$"--Sample:Outbound=http://127.0.0.1:{outboundPort}", .. extraArguments ?? []]);

    /// <summary>The inventory sample; <paramref name="instance"/> is the name it answers with (default: the machine name).</summary>
    public static SampleProcess StartInventory(string? instance = null, IEnumerable<string>? extraArguments = null) =>
        Start("Inventory", "Mesh.Samples.Inventory.dll", [.. instance is null ? [] : new[] { $"--Sample:Instance={instance}" }, .. extraArguments ?? []]);

    /// <summary>The gRPC greeter sample, cleartext HTTP/2 only.</summary>
    public static SampleProcess StartGreeter(string instance) =>
        Start("Greeter", "Mesh.Samples.Greeter.dll", [$"--Sample:Instance={instance}"], http2Only: true);

    /// <summary>Polls <c>/healthz</c> until 200; fails with the program's own output if it exits or never answers.</summary>
    public Task WaitUntilReadyAsync(TimeSpan? deadline = null) =>
        Process.WaitUntilAnswersAsync(new Uri(Http.BaseAddress!, "/healthz"), $"{Name} (port {Port})", deadline ?? TimeSpan.FromSeconds(60), Http.DefaultRequestVersion == System.Net.HttpVersion.Version20);

    /// <summary>SIGTERM, then wait for the process to exit.</summary>
    public Task StopAsync() => Process.StopAsync();

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await Process.DisposeAsync();
    }
}
