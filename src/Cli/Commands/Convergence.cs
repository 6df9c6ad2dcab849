using Mesh.Cli.Admin;

namespace Mesh.Cli.Commands;

/// <summary>
/// <c>--wait</c>: shows how many proxies have done something (applied a version, a purge) until all have, or fails
/// naming the ones that did not.
/// </summary>
internal static class Convergence
{
    private static readonly TimeSpan Pace = TimeSpan.FromMilliseconds(200);

    public static Task WaitAsync(AdminClient admin, long version, TimeSpan timeout, CliContext cli, CancellationToken cancellationToken) =>
        WaitUntilAsync(
            cli,
            timeout,
            $"proxies at version {version}",
            async () =>
            {
                var (proxies, _) = await admin.GetAsync("/api/v1/proxies", cancellationToken);
                var all = proxies.AsArray().Select(p => (Id: (string)p!["id"]!, Version: (long)p["appliedVersion"]!)).ToList();
                return (all.Count(p => p.Version >= version), all.Count, all.Where(p => p.Version < version).Select(p => $"{p.Id} at {p.Version}"));
            },
            cancellationToken);

    /// <summary>Polls <paramref name="probe"/> (done, total, who is behind) until every one is done or the time is up.</summary>
    public static async Task WaitUntilAsync(
        CliContext cli, TimeSpan timeout, string what, Func<Task<(int Done, int Total, IEnumerable<string> Behind)>> probe, CancellationToken cancellationToken)
    {
        var until = cli.Time.GetUtcNow() + timeout;
        var reported = -1;
        while (true)
        {
            var (done, total, behind) = await probe();
            if (done != reported)
            {
                cli.Output.WriteLine($"{done}/{total} {what}");
                reported = done;
            }

            if (done == total)
            {
                return;
            }

            if (cli.Time.GetUtcNow() >= until)
            {
                throw new CliException($"only {done} of {total} {what} within {timeout.TotalSeconds:0}s; behind: {string.Join(", ", behind)}");
            }

            await Task.Delay(Pace, cli.Time, cancellationToken);
        }
    }
}
