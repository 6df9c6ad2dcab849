using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Primitives;

namespace Mesh.Proxy.Caching;

/// <summary>
/// HTTP dates as RFC 9110 §5.6.7 defines them, strictly: IMF-fixdate, and the obsolete RFC 850 and asctime forms
/// (names in any case). Anything else, or more than one line, is not a date: an <c>Expires</c> that is not one means
/// "already expired" (RFC 9111 §5.3), where a lenient parser would guess a time and keep a response fresh.
/// </summary>
internal static partial class HttpDates
{
    private static readonly string[] Months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"];

    public static DateTimeOffset? Parse(StringValues value, DateTimeOffset now)
    {
        if (value.Count != 1 || value[0] is not { } text)
        {
            return null;
        }

        if (FixDate().Match(text) is { Success: true } fix)
        {
            return At(Number(fix, "year"), fix, "month", "day");
        }

        if (Rfc850().Match(text) is { Success: true } rfc850)
        {
            // A two-digit year more than 50 years ahead is the past century's (RFC 9110 §5.6.7).
            var year = 2000 + Number(rfc850, "year");
            return At(year > now.Year + 50 ? year - 100 : year, rfc850, "month", "day");
        }

        return AscTime().Match(text) is { Success: true } asc ? At(Number(asc, "year"), asc, "month", "day") : null;
    }

    private static DateTimeOffset? At(int year, Match match, string month, string day)
    {
        var index = Array.IndexOf(Months, match.Groups[month].Value.ToLowerInvariant()) + 1;
        try
        {
            return new DateTimeOffset(year, index, Number(match, day), Number(match, "hour"), Number(match, "minute"), Number(match, "second"), TimeSpan.Zero);
        }
        catch (ArgumentOutOfRangeException)
        {
            return null;
        }
    }

    private static int Number(Match match, string group) => int.Parse(match.Groups[group].Value.Trim(), CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^(mon|tue|wed|thu|fri|sat|sun), (?<day>\d{2}) (?<month>[a-z]{3}) (?<year>\d{4}) (?<hour>\d{2}):(?<minute>\d{2}):(?<second>\d{2}) gmt$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex FixDate();

    [GeneratedRegex(@"^(monday|tuesday|wednesday|thursday|friday|saturday|sunday), (?<day>\d{2})-(?<month>[a-z]{3})-(?<year>\d{2}) (?<hour>\d{2}):(?<minute>\d{2}):(?<second>\d{2}) gmt$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex Rfc850();

    [GeneratedRegex(@"^(mon|tue|wed|thu|fri|sat|sun) (?<month>[a-z]{3}) (?<day>[ \d]\d) (?<hour>\d{2}):(?<minute>\d{2}):(?<second>\d{2}) (?<year>\d{4})$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant)]
    private static partial Regex AscTime();
}
