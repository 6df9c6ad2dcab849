using System.CommandLine;
using Mesh.Cli.Admin;

namespace Mesh.Cli;

/// <summary>
/// What every command shares: the server and token options, where output and notices go, and the clock. Errors are
/// written by <see cref="MeshCtl"/> alone; notices (standard error) are what a script capturing the output must not get.
/// </summary>
internal sealed class CliContext(TextWriter output, TextWriter notices, TimeProvider time)
{
    public const string DefaultServer = "http://127.0.0.1:5100";
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(30);

    public Option<string> Server { get; } = new("--server")
    {
        Description = "The admin API (default: MESH_ADMIN_URL, else " + DefaultServer + ")",
        Recursive = true,
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("MESH_ADMIN_URL") is { Length: > 0 } url ? url : DefaultServer,
    };

    public Option<string?> Token { get; } = new("--token")
    {
        Description = "The admin API's bearer token (default: MESH_ADMIN_TOKEN)",
        Recursive = true,
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("MESH_ADMIN_TOKEN"),
    };

    public TextWriter Output { get; } = output;

    public TextWriter Notices { get; } = notices;

    public TimeProvider Time { get; } = time;

    public AdminClient Client(ParseResult parse)
    {
        var server = parse.GetValue(Server)!;
        if (!Uri.TryCreate(server, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            throw new CliException($"--server '{server}' is not an http or https URL");
        }

        return new AdminClient(uri, parse.GetValue(Token), RequestTimeout);
    }
}
