using System.Globalization;
using System.Text.RegularExpressions;

namespace Mesh.Contracts.Validation;

/// <summary>Durations as Envoy and Kubernetes write them: <c>250ms</c>, <c>2s</c>, <c>5m</c>, <c>1h30m</c>.</summary>
public static partial class Duration
{
    private static readonly (string Unit, TimeSpan Length)[] UnitsLargestFirst =
    [
        ("h", TimeSpan.FromHours(1)),
        ("m", TimeSpan.FromMinutes(1)),
        ("s", TimeSpan.FromSeconds(1)),
        ("ms", TimeSpan.FromMilliseconds(1)),
    ];

    public const string FormatHint = "must be a duration with a unit, such as \"250ms\", \"2s\", \"5m\" or \"1h\"";

    public static bool TryParse(string? text, out TimeSpan duration)
    {
        duration = TimeSpan.Zero;
        if (string.IsNullOrEmpty(text) || !DurationPattern().IsMatch(text))
        {
            return false;
        }

        foreach (Match part in PartPattern().Matches(text))
        {
            // decimal, not double: "0.043s" must be exactly 43ms, not 42.9999ms.
            if (!decimal.TryParse(part.Groups["amount"].Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var amount))
            {
                return false;
            }

            var unit = UnitsLargestFirst.First(u => u.Unit == part.Groups["unit"].Value).Length;
            if (amount > (decimal)(TimeSpan.MaxValue.Ticks - duration.Ticks) / unit.Ticks)
            {
                return false;
            }

            duration += TimeSpan.FromTicks((long)decimal.Truncate(amount * unit.Ticks));
        }

        return true;
    }

    /// <summary>In the largest unit that states it exactly: <c>90s</c>, <c>1500ms</c>, <c>5m</c>. Sub-millisecond parts are dropped.</summary>
    public static string Format(TimeSpan duration)
    {
        var milliseconds = TimeSpan.FromMilliseconds(Math.Floor(duration.TotalMilliseconds));
        if (milliseconds <= TimeSpan.Zero)
        {
            return "0s";
        }

        var (unit, length) = UnitsLargestFirst.First(u => milliseconds.Ticks % u.Length.Ticks == 0);
        return (milliseconds.Ticks / length.Ticks).ToString(CultureInfo.InvariantCulture) + unit;
    }

    [GeneratedRegex(@"^([0-9]+(\.[0-9]+)?(ms|h|m|s))+$")]
    private static partial Regex DurationPattern();

    [GeneratedRegex(@"(?<amount>[0-9]+(\.[0-9]+)?)(?<unit>ms|h|m|s)")]
    private static partial Regex PartPattern();
}
