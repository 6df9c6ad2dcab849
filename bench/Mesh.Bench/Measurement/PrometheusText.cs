using System.Globalization;
using System.Text.RegularExpressions;

namespace Mesh.Bench.Measurement;

/// <summary>Sums of one metric's samples on a Prometheus text page (a proxy's <c>/metrics</c>), optionally by one label.</summary>
internal static partial class PrometheusText
{
    /// <summary>The sum of every sample of <paramref name="metric"/> whose labels include <paramref name="labels"/>.</summary>
    public static double Sum(string page, string metric, params (string Name, string Value)[] labels) =>
        Samples(page, metric).Where(s => labels.All(l => s.Labels.GetValueOrDefault(l.Name) == l.Value)).Sum(s => s.Value);

    /// <summary>The samples of <paramref name="metric"/> whose labels include <paramref name="labels"/>, summed by the value of <paramref name="by"/>.</summary>
    public static IReadOnlyDictionary<string, double> SumBy(string page, string metric, string by, params (string Name, string Value)[] labels) =>
        Samples(page, metric)
            .Where(s => labels.All(l => s.Labels.GetValueOrDefault(l.Name) == l.Value))
            .GroupBy(s => s.Labels.GetValueOrDefault(by, "-"), StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.Sum(s => s.Value), StringComparer.Ordinal);

    private static IEnumerable<(Dictionary<string, string> Labels, double Value)> Samples(string page, string metric)
    {
        foreach (var line in page.Split('\n'))
        {
            if (!line.StartsWith(metric, StringComparison.Ordinal) || line.Length == metric.Length || line[metric.Length] is not ('{' or ' '))
            {
                continue;
            }

            var close = line.LastIndexOf('}');
            var labels = close < 0
                ? new Dictionary<string, string>(StringComparer.Ordinal)
                : Label().Matches(line[..close]).ToDictionary(m => m.Groups["name"].Value, m => m.Groups["value"].Value, StringComparer.Ordinal);
            var value = line[(close < 0 ? metric.Length : close + 1)..].Trim().Split(' ')[0];
            yield return (labels, double.Parse(value, CultureInfo.InvariantCulture));
        }
    }

    [GeneratedRegex(@"(?<name>[a-zA-Z_][a-zA-Z0-9_]*)=""(?<value>(?:[^""\\]|\\.)*)""")]
    private static partial Regex Label();
}
