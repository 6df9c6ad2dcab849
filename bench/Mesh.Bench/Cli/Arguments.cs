using System.Globalization;

namespace Mesh.Bench.Cli;

/// <summary><c>--name value</c> pairs after the subcommand; every option has a default.</summary>
internal sealed class Arguments
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

    private Arguments()
    {
    }

    public static Arguments Parse(IEnumerable<string> args)
    {
        var parsed = new Arguments();
        using var items = args.GetEnumerator();
        while (items.MoveNext())
        {
            var name = items.Current;
            if (!name.StartsWith("--", StringComparison.Ordinal) || !items.MoveNext())
            {
                throw new UsageException($"expected '--name value', got '{name}'");
            }

            parsed._values[name[2..]] = items.Current;
        }

        return parsed;
    }

    public int Int(string name, int defaultValue, int min = 1, int max = int.MaxValue)
    {
        if (!_values.TryGetValue(name, out var text))
        {
            return defaultValue;
        }

        return int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw new UsageException($"--{name} must be an integer between {min} and {max}, got '{text}'");
    }

    public string? String(string name) => _values.GetValueOrDefault(name);
}
