using System.CommandLine;
using System.Net;
using Mesh.Cli.Admin;
using Mesh.Cli.Output;

namespace Mesh.Cli.Commands;

/// <summary>
/// <c>meshctl check</c>, like <c>linkerd check</c>: grouped pass/fail lines, a hint under each failure, and a
/// non-zero exit when anything failed.
/// </summary>
internal static class CheckCommand
{
    public static Command Create(CliContext cli)
    {
        var command = new Command("check", "Check the control plane, the proxies and the certificates");
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var admin = cli.Client(parse);
            var report = new CheckReport(cli.Output);
            if (await ControlPlaneAsync(admin, report, cancellationToken))
            {
                await ProxiesAsync(admin, report, cli.Time.GetUtcNow(), cancellationToken);
                await CertificatesAsync(admin, report, cli.Time.GetUtcNow(), cancellationToken);
            }

            cli.Output.WriteLine(report.Failures == 0 ? "Status check results are √" : $"Status check results are × ({report.Failures} failed)");
            return report.Failures == 0 ? ExitCodes.Done : ExitCodes.Error;
        });
        return command;
    }

    private static async Task<bool> ControlPlaneAsync(AdminClient admin, CheckReport report, CancellationToken cancellationToken)
    {
        report.Group("Control plane");
        var ready = await admin.StatusAsync("/readyz", cancellationToken);
        if (!report.Check(ready == HttpStatusCode.OK, $"a silo answers at {admin.Server} and has joined its cluster",
            ready is null ? "nothing answers there: start a silo (./mesh up) or pass --server / MESH_ADMIN_URL" : $"/readyz answered {(int)ready}: the silo is starting or cannot join its cluster (see its log)"))
        {
            return false;
        }

        var api = await admin.StatusAsync("/api/v1/config", cancellationToken);
        return report.Check(api == HttpStatusCode.OK, "the admin API accepts this client",
            api == HttpStatusCode.Unauthorized ? "the silo has a token: pass --token or set MESH_ADMIN_TOKEN" : $"/api/v1/config answered {(int?)api}");
    }

    private static async Task ProxiesAsync(AdminClient admin, CheckReport report, DateTimeOffset now, CancellationToken cancellationToken)
    {
        report.Group("Proxies");
        var (proxies, version) = await admin.GetAsync("/api/v1/proxies", cancellationToken);
        var all = ProxySync.From(proxies, version, now);
        report.Check(all.Count > 0, $"{all.Count} proxies connected", "no proxy has reported: start an edge (./mesh up starts one) and check it reaches a silo");
        foreach (var proxy in all.Where(p => p.Status == ProxySync.Stale))
        {
            report.Check(false, $"proxy {proxy.Id} reports", $"last reported {Ago.Of(proxy.LastSeen, now)}: is it running? its /readyz and log say why it cannot reach the control plane");
        }

        var behind = all.Where(p => p.Status == ProxySync.NotSynced).ToList();
        report.Check(behind.Count == 0, $"every reporting proxy applied configuration version {version}",
            string.Join("; ", behind.Select(p => $"{p.Id} holds {p.Version}{(p.LastError is { } error ? $": {error}" : string.Empty)}")));
    }

    private static async Task CertificatesAsync(AdminClient admin, CheckReport report, DateTimeOffset now, CancellationToken cancellationToken)
    {
        report.Group("Certificates");
        var (services, _) = await admin.GetAsync("/api/v1/services", cancellationToken);
        var meshed = services.AsArray().Where(s => s!["endpoints"]!.AsArray().Any(e => e!["metadata"]?["mesh.sidecar"] is not null)).Select(s => (string)s!["name"]!).ToList();
        var failing = new List<string>();
        foreach (var service in meshed)
        {
            var (certificates, _) = await admin.GetAsync($"/api/v1/identities/{Uri.EscapeDataString(service)}/certificates", cancellationToken);
            var newest = certificates.AsArray().MaxBy(c => (DateTimeOffset)c!["notBefore"]!);
            if (newest is null)
            {
                continue;
            }

            var (from, until) = ((DateTimeOffset)newest["notBefore"]!, (DateTimeOffset)newest["notAfter"]!);

            // Sidecars renew at half their certificate's life: a newest certificate past three quarters of it means renewal is failing.
            if (until - now < (until - from) / 4)
            {
                failing.Add($"{service}: its newest certificate expires {Ago.Of(until, now).Replace(" ago", " ago (expired)", StringComparison.Ordinal)}");
            }
        }

        report.Check(failing.Count == 0, $"no workload certificate near expiry ({meshed.Count} services with sidecars)",
            string.Join("; ", failing) + ": its sidecars renew at half the life; check they reach the control plane");
    }

    /// <summary>The printed result: <c>√</c> or <c>×</c> per check, a hint under each failure.</summary>
    private sealed class CheckReport(TextWriter output)
    {
        public int Failures { get; private set; }

        public void Group(string name) => output.WriteLine(name);

        public bool Check(bool passed, string what, string hint)
        {
            output.WriteLine($"  {(passed ? "√" : "×")} {what}");
            if (!passed)
            {
                Failures++;
                output.WriteLine($"      hint: {hint}");
            }

            return passed;
        }
    }
}
