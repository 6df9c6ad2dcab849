using Mesh.Contracts.Consumers;

namespace Mesh.Contracts.Tests.Consumers;

public sealed class ApiKeysTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Create_MakesAMeshKeyWhosePrefixIsItsStart()
    {
        var (key, stored) = ApiKeys.Create("alice", Now);

        Assert.StartsWith(ApiKeys.Scheme, key);
        Assert.Equal(48, key.Length);
        Assert.Equal(key[..ApiKeys.PrefixLength], stored.Prefix);
        Assert.Equal("alice", stored.Consumer);
        Assert.Equal(Now, stored.CreatedAt);
        Assert.DoesNotContain(key, stored.ToString());
    }

    [Fact]
    public void Create_NeverMakesTheSameKeyOrSaltTwice()
    {
        var keys = Enumerable.Range(0, 200).Select(_ => ApiKeys.Create("alice", Now)).ToArray();

        Assert.Equal(keys.Length, keys.Select(k => k.Key).Distinct().Count());
        Assert.Equal(keys.Length, keys.Select(k => k.Stored.Salt).Distinct().Count());
        Assert.Equal(keys.Length, keys.Select(k => k.Stored.KeyId).Distinct().Count());
    }

    [Fact]
    public void Matches_AcceptsTheKeyAndRefusesAnyOther()
    {
        var (key, stored) = ApiKeys.Create("alice", Now);
        var salt = Convert.FromBase64String(stored.Salt);
        var hash = Convert.FromBase64String(stored.Hash);

        Assert.True(ApiKeys.Matches(salt, hash, key));
        Assert.False(ApiKeys.Matches(salt, hash, key[..^1] + (key[^1] == 'a' ? 'b' : 'a')));
        Assert.False(ApiKeys.Matches(salt, hash, key + "x"));
        Assert.False(ApiKeys.Matches(salt, hash, string.Empty));
        Assert.False(ApiKeys.Matches(salt, hash, new string('m', 10_000)));
    }

    [Fact]
    public void Hash_OfOneKeyUnderTwoSalts_Differs()
    {
        var (key, first) = ApiKeys.Create("alice", Now);
        var (_, second) = ApiKeys.Create("alice", Now);

        Assert.NotEqual(
            Convert.ToBase64String(ApiKeys.Hash(Convert.FromBase64String(first.Salt), key)),
            Convert.ToBase64String(ApiKeys.Hash(Convert.FromBase64String(second.Salt), key)));
    }
}
