using System.CommandLine;
using Mesh.Cli.Output;

namespace Mesh.Cli.Commands;

/// <summary><c>meshctl proxy-status</c>: every proxy, the version it applied and when it last reported (with the timestamp).</summary>
internal static class ProxyStatusCommand
{
    public static Command Create(CliContext cli)
    {
        var command = new Command("proxy-status", "Every proxy, the version it applied, and how long ago it reported");
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var admin = cli.Client(parse);
            var (proxies, version) = await admin.GetAsync("/api/v1/proxies", cancellationToken);
            var now = cli.Time.GetUtcNow();
            cli.Output.WriteLine($"configuration version {version}");
            Table.Write(cli.Output, ["PROXY", "MODE", "VERSION", "STATUS", "LAST SEEN", "ERROR"], ProxySync.From(proxies, version, now).Select(p => (IReadOnlyList<string>)
                [p.Id, p.Mode, p.Version.ToString(System.Globalization.CultureInfo.InvariantCulture), p.Status, Ago.Of(p.LastSeen, now), p.LastError ?? "-"]));
            return ExitCodes.Done;
        });
        return command;
    }
}
