namespace Mesh.Contracts.Analytics;

/// <summary>How long the control plane keeps analytics: the contract promises at least the last 24 hours, minute by minute.</summary>
public static class AnalyticsRetention
{
    public const int Minutes = 24 * 60;
}
