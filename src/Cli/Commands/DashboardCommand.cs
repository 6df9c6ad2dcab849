using System.CommandLine;
using System.ComponentModel;
using System.Diagnostics;
using System.Net;

namespace Mesh.Cli.Commands;

/// <summary>
/// <c>meshctl dashboard</c>: the mesh page's address on standard output, once the silo answered for it, and the page
/// opened in the desktop's browser unless <c>--no-open</c> (or there is none: then the address is all there is).
/// </summary>
internal static class DashboardCommand
{
    public const string PagePath = "/ui/";

    public static Command Create(CliContext cli)
    {
        var noOpen = new Option<bool>("--no-open") { Description = "Print the page's address only; start no browser" };
        var command = new Command("dashboard", "Open the mesh page: services and the calls between them, circuits, endpoints, proxies, top consumers") { noOpen };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var admin = cli.Client(parse);
            var page = new Uri(admin.Server, PagePath);
            switch (await admin.StatusAsync(PagePath, cancellationToken))
            {
                case null:
                    throw new CliException($"cannot reach the admin API at {admin.Server} (--server or MESH_ADMIN_URL)");
                case HttpStatusCode.Unauthorized:
                    throw new CliException($"the admin API at {admin.Server} refused the token (--token or MESH_ADMIN_TOKEN)");
                case HttpStatusCode.OK:
                    break;
                case var status:
                    throw new CliException($"GET {page} answered {(int)status}: is this a Mesh silo's admin port?");
            }

            await cli.Output.WriteLineAsync(page.AbsoluteUri);
            if (parse.GetValue(cli.Token) is { Length: > 0 })
            {
                await cli.Notices.WriteLineAsync("meshctl: the page asks for the admin token once: a login keeps a session cookie");
            }

            if (!parse.GetValue(noOpen) && !TryOpen(page))
            {
                await cli.Notices.WriteLineAsync("meshctl: no browser could be started here: open the address above");
            }

            return ExitCodes.Done;
        });
        return command;
    }

    /// <summary>The desktop's way to open a URL (xdg-open, open, the shell); false on a machine without one.</summary>
    private static bool TryOpen(Uri page)
    {
        try
        {
            using var browser = Process.Start(new ProcessStartInfo(page.AbsoluteUri) { UseShellExecute = true });
            return browser is not null || OperatingSystem.IsWindows();
        }
        catch (Exception e) when (e is Win32Exception or InvalidOperationException or PlatformNotSupportedException)
        {
            return false;
        }
    }
}
