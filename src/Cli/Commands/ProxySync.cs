using System.Text.Json.Nodes;

namespace Mesh.Cli.Commands;

/// <summary>
/// One proxy as <c>proxy-status</c> and <c>check</c> judge it: SYNCED when it applied the current version and
/// reported lately, NOT SYNCED when it holds another version, STALE when it stopped reporting (proxies report every
/// 5 s; three missed reports make it stale).
/// </summary>
internal sealed record ProxySync(string Id, string Mode, long Version, DateTimeOffset LastSeen, string? LastError, string Status)
{
    public static readonly TimeSpan StaleAfter = TimeSpan.FromSeconds(15);

    public const string Synced = "SYNCED";
    public const string NotSynced = "NOT SYNCED";
    public const string Stale = "STALE";

    public static IReadOnlyList<ProxySync> From(JsonNode proxies, long catalogVersion, DateTimeOffset now) =>
        [.. proxies.AsArray().Select(p =>
        {
            var version = (long)p!["appliedVersion"]!;
            var seen = (DateTimeOffset)p["lastSeen"]!;
            var status = now - seen > StaleAfter ? Stale : version == catalogVersion ? Synced : NotSynced;
            return new ProxySync((string)p["id"]!, (string)p["mode"]!, version, seen, (string?)p["lastError"], status);
        })];
}
