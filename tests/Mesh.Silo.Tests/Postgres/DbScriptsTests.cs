using Mesh.Testing;

namespace Mesh.Silo.Tests.Postgres;

public sealed class DbScriptsTests
{
    private static readonly string[] RequiredQueryKeys =
    [
        "CleanupDefunctSiloEntriesKey", "ClearStorageKey", "DeleteMembershipTableEntriesKey", "DeleteReminderRowKey",
        "DeleteReminderRowsKey", "GatewaysQueryKey", "InsertMembershipKey", "InsertMembershipVersionKey",
        "MembershipReadAllKey", "MembershipReadRowKey", "ReadFromStorageKey", "ReadRangeRows1Key", "ReadRangeRows2Key",
        "ReadReminderRowKey", "ReadReminderRowsKey", "UpdateIAmAlivetimeKey", "UpdateMembershipKey", "UpsertReminderRowKey",
        "WriteToStorageKey",
    ];

    [Fact]
    public async Task ApplyingTheScriptsTwice_IsHarmlessAndProvidesEveryQueryKey()
    {
        await using var database = await PostgresDatabase.CreateAsync();

        await database.ApplyScriptsAsync();
        var keys = await database.QueryAsync("SELECT querykey FROM orleansquery", r => r.GetString(0));

        Assert.Empty(RequiredQueryKeys.Except(keys, StringComparer.Ordinal));
        Assert.Equal(keys.Count, keys.Distinct(StringComparer.Ordinal).Count());
    }
}
