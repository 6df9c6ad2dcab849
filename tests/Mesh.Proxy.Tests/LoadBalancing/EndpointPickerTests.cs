using Mesh.Contracts.Services;
using Mesh.Proxy.LoadBalancing;
using Mesh.Proxy.Routing;
using Yarp.ReverseProxy.Configuration;
using Yarp.ReverseProxy.Model;

namespace Mesh.Proxy.Tests.LoadBalancing;

public sealed class EndpointPickerTests
{
    private readonly EndpointLoad _load = new();
    private readonly DestinationState[] _endpoints = [new("a"), new("b"), new("c")];

    [Fact]
    public void RoundRobin_TakesEachEndpointInTurn()
    {
        var picker = new EndpointPickers(_load).For(LoadBalancingPolicy.RoundRobin);

        var picked = Enumerable.Range(0, 6).Select(_ => picker.Pick("orders", _endpoints).DestinationId).ToList();

        Assert.Equal(["a", "b", "c", "a", "b", "c"], picked);
    }

    [Fact]
    public void LeastRequests_PicksTheEndpointWithFewestInFlight()
    {
        var picker = new EndpointPickers(_load).For(LoadBalancingPolicy.LeastRequests);
        using var a1 = _load.Track(_endpoints[0]);
        using var a2 = _load.Track(_endpoints[0]);
        using var c1 = _load.Track(_endpoints[2]);

        var picked = Enumerable.Range(0, 20).Select(_ => picker.Pick("orders", _endpoints).DestinationId).Distinct().ToList();

        Assert.Equal(["b"], picked);
    }

    [Fact]
    public void PowerOfTwoChoices_NeverPicksTheBusiestOfThree()
    {
        var picker = new EndpointPickers(_load).For(LoadBalancingPolicy.PowerOfTwoChoices);
        using var busy = _load.Track(_endpoints[1]);

        var picked = Enumerable.Range(0, 500).Select(_ => picker.Pick("orders", _endpoints).DestinationId).ToHashSet();

        Assert.Equal(["a", "c"], picked.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Random_ReachesEveryEndpoint()
    {
        var picker = new EndpointPickers(_load).For(LoadBalancingPolicy.Random);

        var picked = Enumerable.Range(0, 500).Select(_ => picker.Pick("orders", _endpoints).DestinationId).ToHashSet();

        Assert.Equal(3, picked.Count);
    }

    [Fact]
    public void RoundRobin_GivesEachEndpointAsManyTurnsAsItsWeight_AndWeightZeroNone()
    {
        var picker = new EndpointPickers(_load).For(LoadBalancingPolicy.RoundRobin);
        DestinationState[] weighted = [Weighted("heavy", 3), Weighted("light", 1), Weighted("off", 0)];

        var picked = Enumerable.Range(0, 400).Select(_ => picker.Pick("weighted", weighted).DestinationId).CountBy(id => id).ToDictionary();

        Assert.Equal(new Dictionary<string, int> { ["heavy"] = 300, ["light"] = 100 }, picked);
    }

    [Theory]
    [InlineData(LoadBalancingPolicy.Random)]
    [InlineData(LoadBalancingPolicy.PowerOfTwoChoices)]
    [InlineData(LoadBalancingPolicy.LeastRequests)]
    public void EveryPolicy_SendsInProportionToWeight(LoadBalancingPolicy policy)
    {
        var picker = new EndpointPickers(_load).For(policy);
        DestinationState[] weighted = [Weighted("heavy", 3), Weighted("light", 1), Weighted("off", 0)];
        var leases = new List<EndpointLoad.Lease>();

        // Requests that stay in flight, so the load-aware policies see the load they made.
        for (var i = 0; i < 4000; i++)
        {
            leases.Add(_load.Track(picker.Pick("weighted", weighted)));
        }

        var inFlight = weighted.ToDictionary(d => d.DestinationId, _load.InFlight);
        leases.ForEach(l => l.Dispose());
        Assert.Equal(0, inFlight["off"]);
        Assert.InRange(inFlight["heavy"] / (double)inFlight["light"], 2.5, 3.5);
    }

    [Fact]
    public void AllWeightsZero_ShareEqually()
    {
        var picker = new EndpointPickers(_load).For(LoadBalancingPolicy.RoundRobin);
        DestinationState[] weighted = [Weighted("a", 0), Weighted("b", 0)];

        var picked = Enumerable.Range(0, 4).Select(_ => picker.Pick("zeros", weighted).DestinationId).ToList();

        Assert.Equal(["a", "b", "a", "b"], picked);
    }

    [Fact]
    public void EndpointLoad_ReleasingALeaseLowersTheCount()
    {
        var lease = _load.Track(_endpoints[0]);
        var during = _load.InFlight(_endpoints[0]);
        lease.Dispose();

        Assert.Equal(1, during);
        Assert.Equal(0, _load.InFlight(_endpoints[0]));
    }

    private static DestinationState Weighted(string id, int weight) => new(
        id,
        new DestinationModel(new DestinationConfig
        {
            Address = $"http://{id}.invalid",
            Metadata = new Dictionary<string, string> { [YarpConfigTranslator.WeightMetadata] = weight.ToString(System.Globalization.CultureInfo.InvariantCulture) },
        }));
}
