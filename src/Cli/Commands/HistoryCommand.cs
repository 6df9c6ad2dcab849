using System.CommandLine;
using Mesh.Cli.Output;

namespace Mesh.Cli.Commands;

/// <summary><c>meshctl history</c>: configuration versions, newest first.</summary>
internal static class HistoryCommand
{
    public static Command Create(CliContext cli)
    {
        var command = new Command("history", "List configuration versions, newest first");
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var admin = cli.Client(parse);
            var (history, _) = await admin.GetAsync("/api/v1/config/history", cancellationToken);
            var now = cli.Time.GetUtcNow();
            Table.Write(cli.Output, ["VERSION", "AT", "SOURCE", "CHANGES"], history.AsArray().Select(h => (IReadOnlyList<string>)
                [((long)h!["version"]!).ToString(System.Globalization.CultureInfo.InvariantCulture), Ago.Of((DateTimeOffset)h["at"]!, now), (string)h["source"]!, ((int)h["changes"]!).ToString(System.Globalization.CultureInfo.InvariantCulture)]));
            return ExitCodes.Done;
        });
        return command;
    }
}
