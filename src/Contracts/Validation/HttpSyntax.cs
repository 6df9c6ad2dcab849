using System.Collections.Frozen;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Mesh.Contracts.Validation;

/// <summary>What counts as a header name, a host and a method in route matches.</summary>
public static partial class HttpSyntax
{
    public static FrozenSet<string> Methods { get; } =
        new[] { "GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "CONNECT" }.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>An RFC 9110 token.</summary>
    public static bool IsToken(string? value) => value is not null && Token().IsMatch(value);

    /// <summary>A DNS name, optionally with a leading <c>*.</c> wildcard and a port.</summary>
    public static bool IsHost(string? value) =>
        value is not null
        && value.Length <= 261
        && Host().Match(value) is { Success: true } host
        && (!host.Groups["port"].Success || int.Parse(host.Groups["port"].ValueSpan, CultureInfo.InvariantCulture) <= 65535);

    [GeneratedRegex(@"^[!#$%&'*+.^_`|~0-9A-Za-z-]+$")]
    private static partial Regex Token();

    [GeneratedRegex(@"^(\*\.)?[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*(:(?<port>[0-9]{1,5}))?$")]
    private static partial Regex Host();
}
