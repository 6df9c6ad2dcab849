using System.CommandLine;
using System.Text.Json.Nodes;

namespace Mesh.Cli.Commands;

/// <summary><c>meshctl consumers create NAME [--group G]... [--rate-limit POLICY]</c>: an edge client, then keys with <c>meshctl keys</c>.</summary>
internal static class ConsumersCommand
{
    public static Command Create(CliContext cli)
    {
        var name = new Argument<string>("name") { Description = "The consumer's id (a DNS label); upstreams see it in x-mesh-consumer" };
        var groups = new Option<string[]>("--group") { Description = "A group the consumer is in (repeat for more); routes allow groups", AllowMultipleArgumentsPerToken = false };
        var rateLimit = new Option<string?>("--rate-limit") { Description = "A rate-limit policy that replaces the route's for this consumer (its tier)" };
        var create = new Command("create", "Create or replace a consumer") { name, groups, rateLimit };
        create.SetAction(async (parse, cancellationToken) =>
        {
            using var admin = cli.Client(parse);
            var id = parse.GetValue(name)!;
            var document = new JsonObject { ["groups"] = new JsonArray([.. (parse.GetValue(groups) ?? []).Select(g => (JsonNode)g)]) };
            if (parse.GetValue(rateLimit) is { } tier)
            {
                document["rateLimit"] = tier;
            }

            var (_, version) = await admin.PutAsync(CliKind.Consumer.PathOf(id), document.ToJsonString(), cancellationToken);
            cli.Output.WriteLine($"consumer '{id}' stored; configuration version {version}");
            return ExitCodes.Done;
        });
        return new Command("consumers", "Edge clients (list them with meshctl get consumers)") { create };
    }
}
