using System.Globalization;

namespace Mesh.Cli.Output;

/// <summary>A moment as people read it next to its timestamp: <c>4s ago (2026-12-01T10:00:00Z)</c>.</summary>
internal static class Ago
{
    public static string Of(DateTimeOffset at, DateTimeOffset now)
    {
        var age = now - at;
        var span = age < TimeSpan.Zero ? "just now"
            : age < TimeSpan.FromMinutes(1) ? $"{(int)age.TotalSeconds}s ago"
            : age < TimeSpan.FromHours(1) ? $"{(int)age.TotalMinutes}m ago"
            : age < TimeSpan.FromDays(1) ? $"{(int)age.TotalHours}h ago"
            : $"{(int)age.TotalDays}d ago";
        return $"{span} ({at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)})";
    }
}
