using System.CommandLine;
using Mesh.Cli.Output;

namespace Mesh.Cli.Commands;

/// <summary>
/// <c>meshctl keys create|list|revoke</c>: a consumer's API keys. <c>create</c> prints the key alone on standard
/// output (<c>KEY=$(meshctl keys create alice)</c>); it is shown this once, and the control plane keeps only a hash.
/// </summary>
internal static class KeysCommand
{
    public static Command Create(CliContext cli) => new("keys", "A consumer's API keys") { CreateKey(cli), List(cli), Revoke(cli) };

    private static Command CreateKey(CliContext cli)
    {
        var consumer = Consumer();
        var command = new Command("create", "Issue an API key and print it (shown this once)") { consumer };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var admin = cli.Client(parse);
            var id = parse.GetValue(consumer)!;
            var (answer, _) = await admin.PostAsync($"{CliKind.Consumer.PathOf(id)}/keys", null, "application/json", cancellationToken);
            cli.Output.WriteLine((string?)answer["key"]);
            cli.Notices.WriteLine($"key {(string?)answer["id"]} (prefix {(string?)answer["prefix"]}) for consumer '{id}': store it now, it is not shown again");
            return ExitCodes.Done;
        });
        return command;
    }

    private static Command List(CliContext cli)
    {
        var consumer = Consumer();
        var command = new Command("list", "List a consumer's keys: ids and prefixes, never the keys") { consumer };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var admin = cli.Client(parse);
            var (keys, _) = await admin.GetAsync($"{CliKind.Consumer.PathOf(parse.GetValue(consumer)!)}/keys", cancellationToken);
            Table.Write(cli.Output, ["ID", "PREFIX", "CREATED"], keys.AsArray().Select(k => (IReadOnlyList<string>)
                [(string?)k!["id"] ?? "-", (string?)k["prefix"] ?? "-", k["createdAt"]?.ToString() ?? "-"]));
            return ExitCodes.Done;
        });
        return command;
    }

    private static Command Revoke(CliContext cli)
    {
        var consumer = Consumer();
        var key = new Argument<string>("key-id") { Description = "The key's id, from meshctl keys list" };
        var command = new Command("revoke", "Revoke an API key: every edge refuses it within a second") { consumer, key };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var admin = cli.Client(parse);
            var id = parse.GetValue(consumer)!;
            var keyId = parse.GetValue(key)!;
            var version = await admin.DeleteAsync($"{CliKind.Consumer.PathOf(id)}/keys/{Uri.EscapeDataString(keyId)}", cancellationToken);
            cli.Output.WriteLine($"key {keyId} of consumer '{id}' revoked; version {version}");
            return ExitCodes.Done;
        });
        return command;
    }

    private static Argument<string> Consumer() => new("consumer") { Description = "The consumer's id" };
}
