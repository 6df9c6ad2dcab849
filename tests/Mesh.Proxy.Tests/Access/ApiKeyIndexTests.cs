using Mesh.Contracts.Consumers;
using Mesh.Proxy.Access;

namespace Mesh.Proxy.Tests.Access;

public sealed class ApiKeyIndexTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Find_GivesTheCallerOfAKnownKey_AndNothingForAnyOther()
    {
        var (aliceKey, aliceHash) = ApiKeys.Create("alice", Now);
        var (bobKey, bobHash) = ApiKeys.Create("bob", Now);
        var index = new ApiKeyIndex([aliceHash, bobHash], Callers("alice", "bob"));

        Assert.Equal("alice", index.Find(aliceKey)?.Consumer);
        Assert.Equal("bob", index.Find(bobKey)?.Consumer);
        Assert.Null(index.Find(aliceKey[..^1]));
        Assert.Null(index.Find(aliceKey[..ApiKeys.PrefixLength]));
        Assert.Null(index.Find(string.Empty));
        Assert.Null(index.Find(aliceKey[..ApiKeys.PrefixLength] + bobKey[ApiKeys.PrefixLength..]));
    }

    [Fact]
    public void Find_WhenTwoKeysShareAPrefix_TellsThemApart()
    {
        var (first, firstHash) = ApiKeys.Create("alice", Now);
        var (second, secondHash) = ApiKeys.Create("bob", Now);
        var sharedPrefix = secondHash with { Prefix = firstHash.Prefix };
        var forged = first[..ApiKeys.PrefixLength] + second[ApiKeys.PrefixLength..];
        var index = new ApiKeyIndex([firstHash, sharedPrefix with { Hash = Convert.ToBase64String(ApiKeys.Hash(Convert.FromBase64String(secondHash.Salt), forged)) }], Callers("alice", "bob"));

        Assert.Equal("alice", index.Find(first)?.Consumer);
        Assert.Equal("bob", index.Find(forged)?.Consumer);
    }

    [Fact]
    public void AKeyOfAConsumerTheSnapshotNoLongerHolds_IsNotIndexed()
    {
        var (key, hash) = ApiKeys.Create("gone", Now);

        var index = new ApiKeyIndex([hash], Callers("alice"));

        Assert.Null(index.Find(key));
    }

    private static Dictionary<string, EdgeCaller> Callers(params string[] consumers) =>
        consumers.ToDictionary(c => c, c => new EdgeCaller(c, [], null, []), StringComparer.Ordinal);
}
