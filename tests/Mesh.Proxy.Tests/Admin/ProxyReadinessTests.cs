using Mesh.Contracts.Catalog;
using Mesh.Contracts.Endpoints;
using Mesh.Proxy.Admin;
using Mesh.Proxy.Tests.Catalog;

namespace Mesh.Proxy.Tests.Admin;

/// <summary>When a load balancer may send a proxy traffic: never before it can make the calls its snapshot routes.</summary>
public sealed class ProxyReadinessTests
{
    private static readonly CatalogSnapshot PlainBackends = Snapshots.Of(3, [("legacy", Snapshots.Service(Snapshots.Endpoint("legacy", "l1", 7001)))], []);

    private static readonly CatalogSnapshot SidecarBackends = Snapshots.Of(3, [("legacy", Snapshots.Service(Snapshots.Endpoint("legacy", "l1", 7001))), ("orders", Snapshots.Service(Sidecar()))], []);

    [Fact]
    public void AProxyWithNoSnapshot_IsNotReady()
    {
        Assert.Equal("no snapshot applied yet", ProxyReadiness.Problem(0, CatalogSnapshot.Empty, isSidecar: false, hasCertificate: true));
    }

    [Fact]
    public void AnEdgeRoutingToSidecarEndpoints_IsNotReady_UntilItHoldsItsCertificate()
    {
        Assert.Equal("no certificate yet", ProxyReadiness.Problem(3, SidecarBackends, isSidecar: false, hasCertificate: false));
        Assert.Null(ProxyReadiness.Problem(3, SidecarBackends, isSidecar: false, hasCertificate: true));
    }

    [Fact]
    public void AnEdgeRoutingOnlyToPlainEndpoints_IsReady_WithoutACertificate()
    {
        Assert.Null(ProxyReadiness.Problem(3, PlainBackends, isSidecar: false, hasCertificate: false));
    }

    [Fact]
    public void ASidecar_IsNotReady_WithoutACertificate_WhateverItsSnapshotHolds()
    {
        Assert.Equal("no certificate yet", ProxyReadiness.Problem(3, PlainBackends, isSidecar: true, hasCertificate: false));
    }

    private static EndpointStatus Sidecar()
    {
        var endpoint = Snapshots.Endpoint("orders", "orders-1", 15006, EndpointHealth.Healthy);
        return endpoint with { Spec = endpoint.Spec with { Metadata = endpoint.Spec.Metadata.Add(EndpointMetadata.Sidecar, "orders-1") } };
    }
}
