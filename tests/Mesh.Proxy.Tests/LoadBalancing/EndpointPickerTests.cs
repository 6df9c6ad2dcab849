using Mesh.Contracts.Services;
using Mesh.Proxy.LoadBalancing;
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
    public void EndpointLoad_ReleasingALeaseLowersTheCount()
    {
        var lease = _load.Track(_endpoints[0]);
        var during = _load.InFlight(_endpoints[0]);
        lease.Dispose();

        Assert.Equal(1, during);
        Assert.Equal(0, _load.InFlight(_endpoints[0]));
    }
}
