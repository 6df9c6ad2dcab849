using Mesh.Cli.Admin;

namespace Mesh.Cli.Commands;

/// <summary><c>--wait</c>: shows how many proxies applied a version until all have, or fails naming the ones that did not.</summary>
internal static class Convergence
{
    private static readonly TimeSpan Pace = TimeSpan.FromMilliseconds(200);

    public static async Task WaitAsync(AdminClient admin, long version, TimeSpan timeout, CliContext cli, CancellationToken cancellationToken)
    {
        var until = cli.Time.GetUtcNow() + timeout;
        var reported = -1;
        while (true)
        {
            var (proxies, _) = await admin.GetAsync("/api/v1/proxies", cancellationToken);
            var all = proxies.AsArray().Select(p => (Id: (string)p!["id"]!, Version: (long)p["appliedVersion"]!)).ToList();
            var done = all.Count(p => p.Version >= version);
            if (done != reported)
            {
                cli.Output.WriteLine($"{done}/{all.Count} proxies at version {version}");
                reported = done;
            }

            if (done == all.Count)
            {
                return;
            }

            if (cli.Time.GetUtcNow() >= until)
            {
                var behind = string.Join(", ", all.Where(p => p.Version < version).Select(p => $"{p.Id} at {p.Version}"));
                throw new CliException($"only {done} of {all.Count} proxies applied version {version} within {timeout.TotalSeconds:0}s; behind: {behind}");
            }

            await Task.Delay(Pace, cli.Time, cancellationToken);
        }
    }
}
