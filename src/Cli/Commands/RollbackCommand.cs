using System.CommandLine;

namespace Mesh.Cli.Commands;

/// <summary><c>meshctl rollback VERSION [--wait]</c>: a new version whose configuration equals an earlier one's.</summary>
internal static class RollbackCommand
{
    public static Command Create(CliContext cli)
    {
        var version = new Argument<long>("version") { Description = "A version from meshctl history" };
        var wait = new Option<bool>("--wait") { Description = "Wait until every proxy applied the new version" };
        var timeout = ApplyCommand.TimeoutOption();
        var command = new Command("rollback", "Make a new version whose configuration equals an earlier one") { version, wait, timeout };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var admin = cli.Client(parse);
            var (answer, _) = await admin.PostAsync($"/api/v1/config/rollback/{parse.GetValue(version)}", null, "application/json", cancellationToken);
            Changes.Write(cli.Output, answer);
            var now = (long)answer["version"]!;
            cli.Output.WriteLine($"configuration version {now} equals version {parse.GetValue(version)}");
            if (parse.GetValue(wait))
            {
                await Convergence.WaitAsync(admin, now, ApplyCommand.ParseTimeout(parse.GetValue(timeout)!), cli, cancellationToken);
            }

            return ExitCodes.Done;
        });
        return command;
    }
}
