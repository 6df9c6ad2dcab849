using System.Globalization;

namespace Mesh.Proxy.EndToEnd.Tests.Harness;

/// <summary>Just enough of the Prometheus text format to read sample values.</summary>
public static class PrometheusText
{
    /// <summary>The value of every sample of metric <paramref name="name"/>, whatever its labels.</summary>
    public static IReadOnlyList<double> Samples(string text, string name) =>
        [.. text.Split('\n')
            .Where(line => line.StartsWith(name, StringComparison.Ordinal) && line.Length > name.Length && line[name.Length] is ' ' or '{')
            .Select(line => double.Parse(ValueOf(line, name), NumberStyles.Float, CultureInfo.InvariantCulture))];

    /// <summary>Whether a sample of <paramref name="name"/> with all of <paramref name="labels"/> has the value <paramref name="value"/>.</summary>
    public static bool HasSample(string text, string name, long value, params (string Label, string Value)[] labels) =>
        text.Split('\n').Any(line => line.StartsWith(name + "{", StringComparison.Ordinal)
            && labels.All(l => line.Contains($"{l.Label}=\"{l.Value}\"", StringComparison.Ordinal))
            && ValueOf(line, name) == value.ToString(CultureInfo.InvariantCulture));

    /// <summary><c>name{labels} value [timestamp]</c>: label values may hold spaces, so read after the closing brace.</summary>
    private static string ValueOf(string line, string name)
    {
        var afterLabels = line[name.Length] == '{' ? line[(line.LastIndexOf('}') + 1)..] : line[name.Length..];
        return afterLabels.Split(' ', StringSplitOptions.RemoveEmptyEntries)[0];
    }
}
