using System.Collections.Immutable;
using Mesh.Contracts.Endpoints;
using Mesh.Contracts.Validation;

namespace Mesh.Contracts.Tests.Endpoints;

public sealed class EndpointDocumentsRoundTripTests
{
    private static readonly EndpointSpec Full = new(
        new Uri("https://orders-1.internal:7443"),
        250,
        "eu-west-1a",
        ImmutableSortedDictionary.CreateRange(StringComparer.Ordinal, [KeyValuePair.Create("version", "2"), KeyValuePair.Create("x-team", "billing")]),
        TimeSpan.FromSeconds(90));

    [Fact]
    public void From_RendersSpecAndLiveState()
    {
        var heartbeat = new DateTimeOffset(2025, 1, 2, 3, 4, 5, TimeSpan.Zero);
        var status = new EndpointStatus("orders", "pod-1", Full, EndpointHealth.Ejected, heartbeat, heartbeat.AddSeconds(30), Guid.NewGuid(), 1);

        var document = EndpointDocuments.From(status);

        Assert.Equal("pod-1", document.Id);
        Assert.Equal("orders", document.Service);
        Assert.Equal("https://orders-1.internal:7443", document.Address);
        Assert.Equal(250, document.Weight);
        Assert.Equal("eu-west-1a", document.Zone);
        Assert.Equal("90s", document.Ttl);
        Assert.Equal("ejected", document.Health);
        Assert.Equal(heartbeat, document.LastHeartbeat);
        Assert.Equal(heartbeat.AddSeconds(30), document.EjectedUntil);
    }

    [Fact]
    public void From_WhenNoTtl_LeavesTtlOut()
    {
        var document = EndpointDocuments.From(Status(Full with { Ttl = null }));

        Assert.Null(document.Ttl);
    }

    [Fact]
    public void From_ThenParse_WhenEveryFieldIsSet_ReturnsAnEqualSpec()
    {
        AssertRoundTrips(Full);
    }

    [Fact]
    public void From_ThenParse_WhenOptionalFieldsAreEmpty_ReturnsAnEqualSpec()
    {
        AssertRoundTrips(new EndpointSpec(new Uri("http://127.0.0.1:7001"), 1, "local", ImmutableSortedDictionary<string, string>.Empty, null));
    }

    private static void AssertRoundTrips(EndpointSpec spec)
    {
        var errors = new ValidationErrors();
        var parsed = EndpointDocuments.Parse(EndpointDocuments.From(Status(spec)), errors);

        ErrorAssert.None(errors);
        Assert.Equal(spec.Address, parsed.Address);
        Assert.Equal(spec.Weight, parsed.Weight);
        Assert.Equal(spec.Zone, parsed.Zone);
        Assert.Equal(spec.Metadata, parsed.Metadata);
        Assert.Equal(spec.Ttl, parsed.Ttl);
        StructuralAssert.Equal(spec, parsed);
    }

    private static EndpointStatus Status(EndpointSpec spec) =>
        new("orders", "pod-1", spec, EndpointHealth.Healthy, null, null, Guid.Empty, 0);
}
