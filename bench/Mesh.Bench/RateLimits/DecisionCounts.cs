using System.Globalization;
using System.Text.RegularExpressions;

namespace Mesh.Bench.RateLimits;

/// <summary>
/// <c>mesh_proxy_ratelimit_decisions_total{policy,where,result}</c> from a proxy's Prometheus page, summed by
/// where the decision was made (<c>local</c>, <c>grain</c>, <c>fail_open</c>, <c>fail_closed</c>) and its result.
/// </summary>
internal sealed partial class DecisionCounts
{
    private const string Metric = "mesh_proxy_ratelimit_decisions_total";
    private readonly Dictionary<(string Where, string Result), double> _counts = [];

    public double Total => _counts.Values.Sum();

    public double Where(string where) => _counts.Where(c => c.Key.Where == where).Sum(c => c.Value);

    public IEnumerable<(string Where, string Result, double Count)> All => _counts.OrderBy(c => c.Key).Select(c => (c.Key.Where, c.Key.Result, c.Value));

    public static DecisionCounts Parse(string prometheus, string policy)
    {
        var counts = new DecisionCounts();
        foreach (var line in prometheus.Split('\n'))
        {
            if (!line.StartsWith(Metric + "{", StringComparison.Ordinal))
            {
                continue;
            }

            var close = line.LastIndexOf('}');
            var labels = Label().Matches(line[..close]).ToDictionary(m => m.Groups["name"].Value, m => m.Groups["value"].Value, StringComparer.Ordinal);
            if (labels.GetValueOrDefault("policy") != policy)
            {
                continue;
            }

            var value = double.Parse(line[(close + 1)..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
            var key = (labels.GetValueOrDefault("where", "?"), labels.GetValueOrDefault("result", "?"));
            counts._counts[key] = counts._counts.GetValueOrDefault(key) + value;
        }

        return counts;
    }

    /// <summary>What was counted since <paramref name="earlier"/>, a scrape of the same proxy.</summary>
    public DecisionCounts Minus(DecisionCounts earlier)
    {
        var delta = new DecisionCounts();
        foreach (var (key, value) in _counts)
        {
            delta._counts[key] = value - earlier._counts.GetValueOrDefault(key);
        }

        return delta;
    }

    public static DecisionCounts Sum(IEnumerable<DecisionCounts> all)
    {
        var sum = new DecisionCounts();
        foreach (var (key, value) in all.SelectMany(c => c._counts))
        {
            sum._counts[key] = sum._counts.GetValueOrDefault(key) + value;
        }

        return sum;
    }

    [GeneratedRegex(@"(?<name>[a-zA-Z_][a-zA-Z0-9_]*)=""(?<value>(?:[^""\\]|\\.)*)""")]
    private static partial Regex Label();
}
