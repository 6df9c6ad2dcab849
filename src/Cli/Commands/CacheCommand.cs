using System.CommandLine;
using System.Text.Json.Nodes;

namespace Mesh.Cli.Commands;

/// <summary>
/// <c>meshctl cache purge [--route R] [--path-prefix P] [--wait]</c>: drops stored responses on every edge (one route's,
/// under a prefix, or all) and, with <c>--wait</c>, shows the edges applying it.
/// </summary>
internal static class CacheCommand
{
    public static Command Create(CliContext cli) => new("cache", "The edges' HTTP caches") { Purge(cli) };

    private static Command Purge(CliContext cli)
    {
        var route = new Option<string?>("--route") { Description = "Only this route's stored responses (default: every route's)" };
        var prefix = new Option<string?>("--path-prefix") { Description = "Only paths starting with this, such as /orders/42 (default: all)" };
        var wait = new Option<bool>("--wait") { Description = "Wait until every edge applied the purge" };
        var timeout = ApplyCommand.TimeoutOption();
        var command = new Command("purge", "Drop stored responses on every edge") { route, prefix, wait, timeout };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var admin = cli.Client(parse);
            var request = new JsonObject { ["route"] = parse.GetValue(route), ["pathPrefix"] = parse.GetValue(prefix) };
            var (answer, _) = await admin.PostAsync("/api/v1/cache/purge", request.ToJsonString(), "application/json", cancellationToken);
            var id = (string)answer["id"]!;
            cli.Output.WriteLine($"purge {id} accepted");
            if (parse.GetValue(wait))
            {
                await Convergence.WaitUntilAsync(
                    cli,
                    ApplyCommand.ParseTimeout(parse.GetValue(timeout)!),
                    $"edges applied purge {id}",
                    async () =>
                    {
                        var (purge, _) = await admin.GetAsync($"/api/v1/cache/purges/{id}", cancellationToken);
                        var applied = purge["appliedBy"]!.AsArray().Count;
                        var pending = purge["pending"]!.AsArray().Select(p => (string)p!).ToList();
                        return (applied, applied + pending.Count, pending);
                    },
                    cancellationToken);
            }

            return ExitCodes.Done;
        });
        return command;
    }
}
