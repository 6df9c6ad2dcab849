using Mesh.Proxy.Resilience;

namespace Mesh.Proxy.Tests.Resilience;

public sealed class WatchedServicesTests
{
    [Fact]
    public void ASnapshotThatAddsOneService_AsksToSubscribeToThatOneOnly()
    {
        var watched = new WatchedServices();
        watched.Update(["orders", "inventory"]);

        var (added, removed) = watched.Update(["orders", "inventory", "payments"]);

        Assert.Equal(["payments"], added);
        Assert.Empty(removed);
        Assert.Equal(["inventory", "orders", "payments"], watched.All.Order());
    }

    [Fact]
    public void ASnapshotThatChangesNoService_AsksForNoCall()
    {
        var watched = new WatchedServices();
        watched.Update(["orders"]);

        var (added, removed) = watched.Update(["orders"]);

        Assert.Empty(added);
        Assert.Empty(removed);
    }

    [Fact]
    public void ADeletedService_IsReportedRemovedAndNoLongerWatched()
    {
        var watched = new WatchedServices();
        watched.Update(["orders", "inventory"]);

        var (added, removed) = watched.Update(["orders"]);

        Assert.Empty(added);
        Assert.Equal(["inventory"], removed);
        Assert.Equal(["orders"], watched.All);
    }
}
