using System.Globalization;
using Microsoft.Extensions.Primitives;

namespace Mesh.Proxy.Forwarding;

/// <summary>The <c>grpc-timeout</c> request header: up to 8 digits and a unit (H, M, S, m, u, n).</summary>
internal static class GrpcTimeout
{
    public const string Header = "grpc-timeout";

    public static TimeSpan? Read(IHeaderDictionary headers) => headers.TryGetValue(Header, out var values) ? Parse(values) : null;

    public static TimeSpan? Parse(StringValues values)
    {
        var text = values.Count == 1 ? values[0] : null;
        if (text is not { Length: >= 2 and <= 9 } || !long.TryParse(text.AsSpan(0, text.Length - 1), NumberStyles.None, CultureInfo.InvariantCulture, out var amount))
        {
            return null;
        }

        return text[^1] switch
        {
            'H' => TimeSpan.FromHours(amount),
            'M' => TimeSpan.FromMinutes(amount),
            'S' => TimeSpan.FromSeconds(amount),
            'm' => TimeSpan.FromMilliseconds(amount),
            'u' => TimeSpan.FromMicroseconds(amount),
            'n' => TimeSpan.FromTicks(amount / 100),
            _ => null,
        };
    }
}
