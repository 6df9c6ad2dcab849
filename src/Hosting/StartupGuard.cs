using Microsoft.Extensions.Options;

namespace Mesh.Hosting;

/// <summary>Turns any failure to start into one line on stderr and a non-zero exit, never a hang or a stack trace.</summary>
public static class StartupGuard
{
    public static async Task<int> RunAsync(string program, Func<Task> run)
    {
        try
        {
            await run();
            return 0;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            await Console.Error.WriteLineAsync($"{program}: cannot start: {Describe(e)}");
            return 1;
        }
    }

    private static string Describe(Exception e)
    {
        var reason = e switch
        {
            StartupException or OptionsValidationException => e.Message,
            IOException { InnerException: { } inner } when inner.Message.Contains("address already in use", StringComparison.OrdinalIgnoreCase) => e.Message,
            _ => $"{e.GetType().Name}: {e.GetBaseException().Message}",
        };
        return reason.ReplaceLineEndings(" ");
    }
}
