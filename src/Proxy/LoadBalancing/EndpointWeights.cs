using System.Globalization;
using System.Runtime.CompilerServices;
using Mesh.Proxy.Routing;
using Yarp.ReverseProxy.Model;

namespace Mesh.Proxy.LoadBalancing;

/// <summary>
/// Endpoint weights (<c>weight</c>, 0-1000) as the pickers use them. Read once per destination model: a new
/// snapshot gives a destination a new model, and with it a fresh reading. Weight 0 takes no traffic while
/// another endpoint has weight; when all are 0 they share equally.
/// </summary>
internal static class EndpointWeights
{
    private static readonly ConditionalWeakTable<DestinationModel, StrongBox<int>> Weights = [];

    public static int Of(DestinationState destination) =>
        destination.Model is { } model ? Weights.GetValue(model, static model => new StrongBox<int>(Read(model))).Value : 1;

    /// <summary>Whether the candidates differ in weight; when they do not, the pickers keep their unweighted fast paths.</summary>
    public static bool AreUneven(IReadOnlyList<DestinationState> candidates, out int total)
    {
        var first = Of(candidates[0]);
        total = first;
        var uneven = false;
        for (var i = 1; i < candidates.Count; i++)
        {
            var weight = Of(candidates[i]);
            total += weight;
            uneven |= weight != first;
        }

        return uneven && total > 0;
    }

    /// <summary>The candidate <paramref name="ticket"/> (0 ≤ ticket &lt; total weight) falls on.</summary>
    public static DestinationState At(IReadOnlyList<DestinationState> candidates, int ticket)
    {
        for (var i = 0; i < candidates.Count; i++)
        {
            ticket -= Of(candidates[i]);
            if (ticket < 0)
            {
                return candidates[i];
            }
        }

        return candidates[^1];
    }

    private static int Read(DestinationModel model) =>
        model.Config.Metadata?.TryGetValue(YarpConfigTranslator.WeightMetadata, out var text) == true
        && int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var weight)
            ? weight
            : 1;
}
