using System.Collections.Immutable;
using Mesh.Contracts.Catalog;
using Mesh.Contracts.Endpoints;
using Mesh.Contracts.Services;

namespace Mesh.Contracts.Tests.Catalog;

/// <summary>A state delta turns exactly the snapshot it was made from into the next one, and nothing else.</summary>
public sealed class EndpointStateDeltaTests
{
    private static readonly CatalogSnapshot Base = CatalogSnapshot.Empty with
    {
        Version = 10,
        Services = ImmutableSortedDictionary<string, ServiceEntry>.Empty.WithComparers(StringComparer.Ordinal)
            .Add("orders", new ServiceEntry(ServiceSpec.Default, Endpoints(Status("orders", "a", EndpointHealth.Healthy), Status("orders", "b", EndpointHealth.Healthy))))
            .Add("stock", new ServiceEntry(ServiceSpec.Default, Endpoints(Status("stock", "s", EndpointHealth.Healthy)))),
        RevokedSerials = ["old"],
    };

    [Fact]
    public void ApplyTo_TheBaseVersion_ChangesAndRemovesTheNamedEndpoints_AndLeavesTheRest()
    {
        var delta = new EndpointStateDelta(10, 11, [Status("orders", "a", EndpointHealth.Unhealthy)], [new EndpointRemoval("orders", "b")], null);

        var next = delta.ApplyTo(Base)!;

        Assert.Equal(11, next.Version);
        Assert.Equal(EndpointHealth.Unhealthy, next.Services["orders"].Endpoints["a"].Health);
        Assert.False(next.Services["orders"].Endpoints.ContainsKey("b"));
        Assert.Same(Base.Services["stock"], next.Services["stock"]);
        Assert.Equal(["old"], next.RevokedSerials);
    }

    [Fact]
    public void ApplyTo_ReplacesRevokedSerials_OnlyWhenTheDeltaCarriesThem()
    {
        var next = new EndpointStateDelta(10, 11, [], [], ["old", "new"]).ApplyTo(Base)!;

        Assert.Equal(["new", "old"], next.RevokedSerials);
    }

    [Fact]
    public void ApplyTo_AnotherVersion_IsNull()
    {
        Assert.Null(new EndpointStateDelta(9, 11, [], [], null).ApplyTo(Base));
    }

    [Fact]
    public void ApplyTo_AnEndpointOfAServiceTheSnapshotLacks_IgnoresIt()
    {
        var next = new EndpointStateDelta(10, 11, [Status("ghost", "g", EndpointHealth.Healthy)], [], null).ApplyTo(Base)!;

        Assert.False(next.Services.ContainsKey("ghost"));
    }

    private static EndpointStatus Status(string service, string id, EndpointHealth health) =>
        new(service, id, new EndpointSpec(new Uri("http://127.0.0.1:7001"), 1, "local", ImmutableSortedDictionary<string, string>.Empty, null), health, null, null, Guid.Empty, 1);

    private static ImmutableSortedDictionary<string, EndpointStatus> Endpoints(params EndpointStatus[] statuses) =>
        statuses.ToImmutableSortedDictionary(s => s.Id, s => s, StringComparer.Ordinal);
}
