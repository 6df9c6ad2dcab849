using System.Collections.Frozen;
using System.Text.Json;

namespace Mesh.Contracts.Validation;

/// <summary>Enums travel as camelCase strings (<c>"roundRobin"</c>).</summary>
public static class EnumNames<TEnum>
    where TEnum : struct, Enum
{
    private static readonly FrozenDictionary<string, TEnum> ByName =
        Enum.GetValues<TEnum>().ToFrozenDictionary(v => JsonNamingPolicy.CamelCase.ConvertName(v.ToString()), StringComparer.Ordinal);

    private static readonly FrozenDictionary<TEnum, string> ByValue =
        ByName.ToFrozenDictionary(p => p.Value, p => p.Key);

    public static string AllowedList { get; } = string.Join(" | ", ByName.Keys.Order(StringComparer.Ordinal));

    public static bool TryParse(string text, out TEnum value) => ByName.TryGetValue(text, out value);

    public static string Name(TEnum value) => ByValue[value];
}
