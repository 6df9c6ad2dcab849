using System.CommandLine;
using Mesh.Cli.Documents;

namespace Mesh.Cli.Commands;

/// <summary><c>meshctl diff -f FILE</c>: what an apply would change; exits 3 when it would change anything (like <c>git diff --exit-code</c>).</summary>
internal static class DiffCommand
{
    public static Command Create(CliContext cli)
    {
        var file = ApplyCommand.FileOption();
        var prune = ApplyCommand.PruneOption();
        var command = new Command("diff", "Show what applying a file would change (exit 3 when it would change anything)") { file, prune };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var admin = cli.Client(parse);
            var document = ConfigFiles.Read(parse.GetValue(file)!);
            var (answer, _) = await admin.PostAsync(
                $"/api/v1/config/apply?prune={ApplyCommand.Flag(parse.GetValue(prune))}&dryRun=true", document.ToJsonString(), "application/json", cancellationToken);
            return Changes.Write(cli.Output, answer) == 0 ? ExitCodes.Done : ExitCodes.Changes;
        });
        return command;
    }
}
