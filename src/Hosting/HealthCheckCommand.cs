
namespace Mesh.Hosting;

/// <summary>
/// <c>dotnet Mesh.Silo.dll healthcheck</c>: asks the running program's own <c>/healthz</c>, on the address
/// its configuration names, and exits 0 when it answers 200, 1 otherwise, with one line either way.
/// The container images use it as their <c>HEALTHCHECK</c>: the ASP.NET runtime image has no curl or wget,
/// but it always has dotnet and the program, and the program knows its own configuration keys.
/// </summary>
public static class HealthCheckCommand
{
    public const string Verb = "healthcheck";
    private const string HealthPath = "/healthz";
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(3);

    public static bool IsRequested(string[] args) => args is [Verb, ..];

    /// <summary>Probes the first URL of <paramref name="urlsKey"/>, read as the program reads it (appsettings.json, environment, command line).</summary>
    public static async Task<int> RunAsync(string program, string[] args, string urlsKey, string defaultUrls)
    {
        var configuration = new ConfigurationBuilder()
            .SetBasePath(AppContext.BaseDirectory)
            .AddJsonFile("appsettings.json", optional: true)
            .AddEnvironmentVariables()
            .AddCommandLine(args[1..])
            .Build();
        var urls = configuration[urlsKey] ?? defaultUrls;
        if (ProbeUri(urls) is not { } target)
        {
            await Console.Error.WriteLineAsync($"{program}: unhealthy: {urlsKey} '{urls}' has no http URL to probe");
            return 1;
        }

        using var http = new HttpClient { Timeout = Timeout };
        try
        {
            using var response = await http.GetAsync(target);
            if (response.IsSuccessStatusCode)
            {
                Console.WriteLine($"{program}: healthy ({target})");
                return 0;
            }

            await Console.Error.WriteLineAsync($"{program}: unhealthy: {target} answered {(int)response.StatusCode}");
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            await Console.Error.WriteLineAsync($"{program}: unhealthy: {target}: {e.GetBaseException().Message}");
        }

        return 1;
    }

    /// <summary>The first listen URL turned into one a local client can call: a wildcard host becomes loopback.</summary>
    public static Uri? ProbeUri(string urls)
    {
        var first = urls.Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).FirstOrDefault();
        if (first is null)
        {
            return null;
        }

        var local = first
            .Replace("://*", "://127.0.0.1", StringComparison.Ordinal)
            .Replace("://+", "://127.0.0.1", StringComparison.Ordinal)
            .Replace("://0.0.0.0", "://127.0.0.1", StringComparison.Ordinal)
            .Replace("://[::]", "://[::1]", StringComparison.Ordinal);
        return Uri.TryCreate(local, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
            ? new Uri(uri, HealthPath)
            : null;
    }
}
