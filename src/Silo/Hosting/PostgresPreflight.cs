using Npgsql;

using Mesh.Hosting;

namespace Mesh.Silo.Hosting;

/// <summary>Fails at start, with the reason, when the database is unreachable, instead of inside Orleans' retries.</summary>
internal static class PostgresPreflight
{
    private const int TimeoutSeconds = 10;

    public static void EnsureReachable(string connectionString)
    {
        NpgsqlConnectionStringBuilder builder;
        try
        {
            builder = new NpgsqlConnectionStringBuilder(connectionString) { Timeout = TimeoutSeconds };
        }
        catch (ArgumentException e)
        {
            throw new StartupException($"ConnectionStrings:Mesh is not a valid PostgreSQL connection string: {e.Message}", e);
        }

        try
        {
            using var connection = new NpgsqlConnection(builder.ConnectionString);
            connection.Open();
            using var command = new NpgsqlCommand("SELECT count(*) FROM orleansquery", connection);
            command.ExecuteScalar();
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            throw new StartupException($"PostgreSQL database '{builder.Database}' at {builder.Host}:{builder.Port} has no Orleans tables: apply db/apply.sh first", e);
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or System.Net.Sockets.SocketException)
        {
            throw new StartupException($"cannot reach PostgreSQL at {builder.Host}:{builder.Port} (database '{builder.Database}'): {e.Message}", e);
        }
    }
}
