using System.Diagnostics;
using Npgsql;

namespace Mesh.Testing;

/// <summary>
/// A fresh database on the throwaway server scripts/test.sh starts, built by running db/apply.sh on it,
/// so every test proves our scripts against the real Orleans providers. Dropped on dispose.
/// </summary>
public sealed class PostgresDatabase : IAsyncDisposable
{
    public const string ServerVariable = "MESH_TEST_POSTGRES";

    private readonly string _adminConnectionString;

    private PostgresDatabase(string adminConnectionString, string name)
    {
        _adminConnectionString = adminConnectionString;
        Name = name;
        ConnectionString = new NpgsqlConnectionStringBuilder(adminConnectionString) { Database = name, Pooling = false }.ConnectionString;
    }

    public string Name { get; }

    public string ConnectionString { get; }

    public static async Task<PostgresDatabase> CreateAsync()
    {
        var admin = Environment.GetEnvironmentVariable(ServerVariable);
        if (string.IsNullOrEmpty(admin))
        {
            throw new InvalidOperationException($"{ServerVariable} is not set: run the tests with ./scripts/test.sh, which starts PostgreSQL");
        }

        var database = new PostgresDatabase(admin, "mesh_" + Guid.NewGuid().ToString("N")[..12]);
        await database.ExecuteAdminAsync($"CREATE DATABASE {database.Name}");
        await database.ApplyScriptsAsync();
        return database;
    }

    /// <summary>Runs db/apply.sh, as an operator would.</summary>
    public async Task ApplyScriptsAsync()
    {
        var builder = new NpgsqlConnectionStringBuilder(ConnectionString);
        var start = new ProcessStartInfo("bash")
        {
            ArgumentList = { Path.Combine(RepoPaths.Root, "db", "apply.sh"), $"host={builder.Host} port={builder.Port} user={builder.Username} dbname={Name}" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var apply = Process.Start(start)!;
        var output = apply.StandardOutput.ReadToEndAsync();
        var errors = apply.StandardError.ReadToEndAsync();
        await apply.WaitForExitAsync();
        Assert.True(apply.ExitCode == 0, $"db/apply.sh failed with {apply.ExitCode}:\n{await output}\n{await errors}");
    }

    public async Task<List<T>> QueryAsync<T>(string sql, Func<NpgsqlDataReader, T> read)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<T>();
        while (await reader.ReadAsync())
        {
            rows.Add(read(reader));
        }

        return rows;
    }

    public async ValueTask DisposeAsync() => await ExecuteAdminAsync($"DROP DATABASE IF EXISTS {Name} WITH (FORCE)");

    private async Task ExecuteAdminAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(_adminConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
