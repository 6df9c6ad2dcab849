using Mesh.Cli;

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};
return await MeshCtl.RunAsync(args, Console.Out, Console.Error, TimeProvider.System, cancel.Token);
