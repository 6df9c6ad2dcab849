using Mesh.Bench.Cli;

return await BenchCommands.RunAsync(args);
