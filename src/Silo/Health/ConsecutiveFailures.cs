using Mesh.Contracts.Endpoints;

namespace Mesh.Silo.Health;

/// <summary>
/// Consecutive failures of one endpoint merged from every proxy's batches: a batch with a success restarts
/// the count at that batch's trailing failures, a batch of failures only adds to it.
/// </summary>
internal sealed class ConsecutiveFailures
{
    public int Count { get; private set; }

    /// <summary>Adds a batch; returns true (and starts over) when the count reaches <paramref name="threshold"/>.</summary>
    public bool Add(EndpointOutcomes outcomes, int threshold)
    {
        Count = outcomes.Successes > 0 ? outcomes.TrailingFailures : Count + outcomes.Failures;
        if (Count < threshold)
        {
            return false;
        }

        Count = 0;
        return true;
    }
}
