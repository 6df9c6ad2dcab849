using System.CommandLine;

namespace Mesh.Cli.Commands;

/// <summary><c>meshctl delete KIND NAME</c>.</summary>
internal static class DeleteCommand
{
    public static Command Create(CliContext cli)
    {
        var kind = new Argument<string>("kind") { Description = "services, routes, ratelimits, authz, certificates, consumers, jwt-providers or endpoints" };
        var name = new Argument<string>("name") { Description = "The resource (an endpoint: service/id)" };
        var command = new Command("delete", "Delete one resource") { kind, name };
        command.SetAction(async (parse, cancellationToken) =>
        {
            using var admin = cli.Client(parse);
            var which = CliKind.Parse(parse.GetValue(kind)!);
            if (which == CliKind.Config)
            {
                throw new CliException("the whole configuration is not deleted with delete; apply an empty file instead");
            }

            var target = parse.GetValue(name)!;
            var version = await admin.DeleteAsync(which.PathOf(target), cancellationToken);
            cli.Output.WriteLine($"{which.Name} '{target}' deleted; configuration version {version}");
            return ExitCodes.Done;
        });
        return command;
    }
}
