using System.Diagnostics.CodeAnalysis;

namespace Mesh.Bench.BareYarp;

/// <summary>
/// <c>BareYarp:Urls</c> (where clients connect), <c>BareYarp:Destination</c> (the one backend) and <c>BareYarp:Http2</c>
/// (<c>true</c>: prior-knowledge h2c in and out, for gRPC), from the command line
/// (<c>--BareYarp:Destination=http://127.0.0.1:7001</c>) or the environment.
/// </summary>
internal sealed record BareYarpOptions(string Urls, string Destination, bool Http2)
{
    public const string Section = "BareYarp";
    private const string DefaultUrls = "http://127.0.0.1:8081";

    public static bool TryRead(IConfiguration configuration, [NotNullWhen(true)] out BareYarpOptions? options, [NotNullWhen(false)] out string? error)
    {
        var section = configuration.GetSection(Section);
        var destination = section["Destination"];
        if (!Uri.TryCreate(destination, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            (options, error) = (null, $"{Section}:Destination must be an absolute http(s) URL, got '{destination}'");
            return false;
        }

        (options, error) = (new BareYarpOptions(section["Urls"] is { Length: > 0 } urls ? urls : DefaultUrls, destination, section.GetValue<bool>("Http2")), null);
        return true;
    }
}
