namespace Mesh.Contracts.Services;

/// <remarks>Stored state keeps the number: add new values at the end.</remarks>
[GenerateSerializer, Alias("mesh.load-balancing-policy")]
public enum LoadBalancingPolicy
{
    PowerOfTwoChoices,
    RoundRobin,
    LeastRequests,
    Random,
}
