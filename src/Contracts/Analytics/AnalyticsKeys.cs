namespace Mesh.Contracts.Analytics;

/// <summary>How proxies and the silo name analytics keys: one spelling of each, on both sides of the wire.</summary>
public static class AnalyticsKeys
{
    /// <summary>Separates caller and service in a call's key; neither a service name nor an identity contains it.</summary>
    public const char CallSeparator = '>';

    /// <summary>A kind as the API's <c>groupBy</c> and the grains' keys spell it.</summary>
    public static string KindName(AnalyticsKind kind) => kind.ToString().ToLowerInvariant();

    public static string Call(string caller, string service) => caller + CallSeparator + service;

    public static bool TrySplitCall(string key, out string caller, out string service)
    {
        var split = key.IndexOf(CallSeparator, StringComparison.Ordinal);
        (caller, service) = split > 0 ? (key[..split], key[(split + 1)..]) : (string.Empty, string.Empty);
        return split > 0;
    }
}
