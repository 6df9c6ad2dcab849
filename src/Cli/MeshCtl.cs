using System.CommandLine;
using Mesh.Cli.Commands;

namespace Mesh.Cli;

/// <summary>The command tree, and how a run ends: 0 done, 1 one line of error, 2 usage, 3 diff found changes.</summary>
internal static class MeshCtl
{
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, TimeProvider time, CancellationToken cancellationToken)
    {
        var cli = new CliContext(output, error, time);
        var root = new RootCommand("meshctl: the Mesh control plane from a shell")
        {
            ApplyCommand.Create(cli),
            DiffCommand.Create(cli),
            GetCommand.Create(cli),
            DeleteCommand.Create(cli),
            HistoryCommand.Create(cli),
            RollbackCommand.Create(cli),
            ProxyStatusCommand.Create(cli),
            CheckCommand.Create(cli),
            ConsumersCommand.Create(cli),
            KeysCommand.Create(cli),
            CacheCommand.Create(cli),
            DashboardCommand.Create(cli),
        };
        root.Options.Add(cli.Server);
        root.Options.Add(cli.Token);

        var parse = root.Parse(args);
        if (parse.Errors.Count > 0)
        {
            foreach (var problem in parse.Errors)
            {
                await error.WriteLineAsync($"meshctl: {problem.Message}");
            }

            await error.WriteLineAsync("meshctl: see meshctl --help");
            return ExitCodes.Usage;
        }

        try
        {
            return await parse.InvokeAsync(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false }, cancellationToken);
        }
        catch (CliException e)
        {
            await error.WriteLineAsync($"meshctl: error: {e.Message}");
            return ExitCodes.Error;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return ExitCodes.Error;
        }
    }
}
