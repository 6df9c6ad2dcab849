using Mesh.Contracts.Services;

namespace Mesh.Proxy.LoadBalancing;

/// <summary>The picker for each load-balancing policy of the service spec.</summary>
internal sealed class EndpointPickers(EndpointLoad load)
{
    private readonly RoundRobinPicker _roundRobin = new();
    private readonly LeastRequestsPicker _leastRequests = new(load);
    private readonly PowerOfTwoChoicesPicker _powerOfTwo = new(load);
    private readonly RandomPicker _random = new();

    public IEndpointPicker For(LoadBalancingPolicy policy) => policy switch
    {
        LoadBalancingPolicy.RoundRobin => _roundRobin,
        LoadBalancingPolicy.LeastRequests => _leastRequests,
        LoadBalancingPolicy.Random => _random,
        _ => _powerOfTwo,
    };
}
