using System.CommandLine;
using Mesh.Cli.Documents;
using Mesh.Contracts.Validation;

namespace Mesh.Cli.Commands;

/// <summary><c>meshctl apply -f FILE|DIR [--dry-run] [--prune=false] [--wait]</c>: the whole document as one version.</summary>
internal static class ApplyCommand
{
    public static Command Create(CliContext cli)
    {
        var file = FileOption();
        var dryRun = new Option<bool>("--dry-run") { Description = "Show what would change; store nothing" };
        var prune = PruneOption();
        var wait = new Option<bool>("--wait") { Description = "Wait until every proxy applied the new version" };
        var timeout = TimeoutOption();
        var command = new Command("apply", "Make the configuration equal a file (or a directory of them), in one version") { file, dryRun, prune, wait, timeout };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var admin = cli.Client(parse);
            var document = ConfigFiles.Read(parse.GetValue(file)!);
            var preview = parse.GetValue(dryRun);
            var query = $"/api/v1/config/apply?prune={Flag(parse.GetValue(prune))}&dryRun={Flag(preview)}";
            var (answer, _) = await admin.PostAsync(query, document.ToJsonString(), "application/json", cancellationToken);
            var changed = Changes.Write(cli.Output, answer);
            var version = (long)answer["version"]!;
            cli.Output.WriteLine(preview ? "dry run: nothing stored" : changed == 0 ? $"no changes; configuration version {version}" : $"configuration version {version}");
            if (parse.GetValue(wait) && !preview)
            {
                await Convergence.WaitAsync(admin, version, ParseTimeout(parse.GetValue(timeout)!), cli, cancellationToken);
            }

            return ExitCodes.Done;
        });
        return command;
    }

    public static Option<string> FileOption() => new("--filename", "-f") { Description = "A .yaml, .yml or .json file, or a directory of them", Required = true };

    public static Option<bool> PruneOption() => new("--prune")
    {
        Description = "Delete what the file leaves out (default); --prune=false only adds and replaces",
        DefaultValueFactory = _ => true,
    };

    public static Option<string> TimeoutOption() => new("--timeout") { Description = "How long --wait waits (default 60s)", DefaultValueFactory = _ => "60s" };

    public static TimeSpan ParseTimeout(string text) =>
        Duration.TryParse(text, out var timeout) && timeout > TimeSpan.Zero ? timeout : throw new CliException($"--timeout '{text}' is not a duration such as 30s or 2m");

    public static string Flag(bool value) => value ? "true" : "false";
}
