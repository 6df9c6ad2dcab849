using System.Diagnostics;
using System.Diagnostics.Metrics;
using Mesh.Proxy.Telemetry;

namespace Mesh.Proxy.RateLimiting;

/// <summary>Where each rate-limit decision was made (local lease, grain, fail mode) and its result.</summary>
internal sealed class ProxyRateLimitMetrics
{
    private readonly Counter<long> _decisions;

    public ProxyRateLimitMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(ProxyMetrics.MeterName);
        _decisions = meter.CreateCounter<long>(
            "mesh.proxy.ratelimit.decisions",
            description: "Rate-limit decisions by policy, where they were made (local, grain, fail_open, fail_closed) and result");
    }

    public void Decided(string policy, string where, bool admitted) =>
        _decisions.Add(1, new TagList { { "policy", policy }, { "where", where }, { "result", admitted ? "admitted" : "limited" } });
}
