using Mesh.Proxy.Caching;
using Mesh.Proxy.Tests.Catalog;
using Microsoft.AspNetCore.Http;

namespace Mesh.Proxy.Tests.Caching;

public sealed class ResponseStoreTests
{
    private const long OneMiB = 1024 * 1024;

    [Fact]
    public void Store_PastMaxBytes_EvictsTheLeastRecentlyUsed()
    {
        var store = TestAppliers.CreateStore(maxBytes: OneMiB);
        var request = new DefaultHttpContext().Request;
        store.Store(Entry("a", 400_000), store.Epoch);
        store.Store(Entry("b", 400_000), store.Epoch);
        Assert.NotNull(store.Find("a", "r", request, null));

        store.Store(Entry("c", 400_000), store.Epoch);

        Assert.NotNull(store.Find("a", "r", request, null));
        Assert.Null(store.Find("b", "r", request, null));
        Assert.NotNull(store.Find("c", "r", request, null));
        Assert.True(store.Bytes <= OneMiB, $"{store.Bytes} bytes held");
    }

    [Fact]
    public void Store_AfterAnInvalidationOfItsUrlSinceTheFetchBegan_StoresNothing_WhileOtherUrlsStore()
    {
        var store = TestAppliers.CreateStore();
        var began = store.Epoch;

        store.Invalidate("a");
        store.Invalidate("elsewhere");
        store.Store(Entry("a", 10), began);
        store.Store(Entry("b", 10), began);

        Assert.Null(store.Find("a", "r", new DefaultHttpContext().Request, null));
        Assert.NotNull(store.Find("b", "r", new DefaultHttpContext().Request, null));
    }

    [Fact]
    public void Store_AfterAPurgeCoveringItSinceTheFetchBegan_StoresNothing()
    {
        var store = TestAppliers.CreateStore();
        var began = store.Epoch;

        store.Purge("orders", "/orders/");
        store.Store(Entry("a", 10, route: "orders", path: "/orders/1"), began);
        store.Store(Entry("b", 10, route: "orders", path: "/users/1"), began);

        Assert.Equal(1, store.Count);
    }

    [Fact]
    public void Store_OfAFetchOlderThanTheInvalidationsKept_StoresNothing()
    {
        var store = TestAppliers.CreateStore();
        var began = store.Epoch;
        for (var i = 0; i < 5000; i++)
        {
            store.Invalidate($"other-{i}");
        }

        store.Store(Entry("a", 10), began);

        Assert.Equal(0, store.Count);
    }

    [Fact]
    public void Purge_DropsOnlyTheRouteAndPrefixNamed()
    {
        var store = TestAppliers.CreateStore();
        store.Store(Entry("a", 10, route: "orders", path: "/orders/42"), store.Epoch);
        store.Store(Entry("b", 10, route: "orders", path: "/orders/7"), store.Epoch);
        store.Store(Entry("c", 10, route: "users", path: "/orders/42"), store.Epoch);

        var dropped = store.Purge("orders", "/orders/4");

        Assert.Equal(1, dropped);
        Assert.Equal(2, store.Count);
        Assert.Equal(2, store.Purge(null, null));
        Assert.Equal(0, store.Bytes);
    }

    private static StoredResponse Entry(string key, int bodyBytes, string route = "r", string path = "/x") => new(
        key, route, path, 200, [], new byte[bodyBytes], new StoredTiming(DateTimeOffset.UnixEpoch, TimeSpan.Zero, TimeSpan.FromMinutes(1), NoCache: false, MustRevalidate: false),
        StoredVariant.Of(route, [], new DefaultHttpContext().Request, null));
}
