using Mesh.Testing;

namespace Mesh.Deploy.Tests.Harness;

/// <summary>The Orleans membership table, read as an operator would with psql.</summary>
public static class Membership
{
    private const int Active = 3;
    private const int Dead = 6;

    public static async Task<HashSet<int>> ActiveSiloPortsAsync(PostgresDatabase database) =>
        [.. await database.QueryAsync($"SELECT port FROM orleansmembershiptable WHERE status = {Active}", r => r.GetInt32(0))];

    public static async Task<HashSet<int>> DeadSiloPortsAsync(PostgresDatabase database) =>
        [.. await database.QueryAsync($"SELECT port FROM orleansmembershiptable WHERE status = {Dead}", r => r.GetInt32(0))];
}
