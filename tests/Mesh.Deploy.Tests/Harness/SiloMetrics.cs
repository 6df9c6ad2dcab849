using System.Globalization;
using System.Text.RegularExpressions;
using Mesh.Testing;

namespace Mesh.Deploy.Tests.Harness;

/// <summary>What a silo's <c>/metrics</c> says about the grains it hosts (Orleans' <c>orleans_catalog_activations</c> gauge).</summary>
public static partial class SiloMetrics
{
    /// <summary>Current activations of one grain type on this silo; 0 when it reports none or does not answer.</summary>
    public static async Task<long> ActivationsAsync(SiloProcess silo, string grainType)
    {
        string metrics;
        try
        {
            using var probe = new HttpClient { BaseAddress = silo.Http.BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
            metrics = await probe.GetStringAsync("/metrics");
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            return 0;
        }

        return ActivationGauge().Matches(metrics)
            .Where(m => m.Groups["type"].Value == grainType)
            .Sum(m => long.Parse(m.Groups["count"].Value, CultureInfo.InvariantCulture));
    }

    /// <summary>The one silo that hosts the catalog grain right now.</summary>
    public static async Task<SiloProcess> CatalogHostAsync(IReadOnlyList<SiloProcess> silos)
    {
        SiloProcess? host = null;
        await Eventually.HoldsAsync(
            async () =>
            {
                var hosting = new List<SiloProcess>();
                foreach (var silo in silos)
                {
                    if (await ActivationsAsync(silo, "catalog") > 0)
                    {
                        hosting.Add(silo);
                    }
                }

                host = hosting.Count == 1 ? hosting[0] : null;
                return host is not null;
            },
            "exactly one silo to host the catalog grain");
        return host!;
    }

    [GeneratedRegex("""^orleans_catalog_activations\{[^}]*grain_type="(?<type>[^"]+)"[^}]*\} (?<count>\d+)""", RegexOptions.Multiline)]
    private static partial Regex ActivationGauge();
}
