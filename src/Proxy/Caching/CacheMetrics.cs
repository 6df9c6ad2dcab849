using System.Diagnostics;
using System.Diagnostics.Metrics;
using Mesh.Proxy.Telemetry;

namespace Mesh.Proxy.Caching;

/// <summary>What the edge cache did for each request on a caching route, and what it holds.</summary>
internal sealed class CacheMetrics
{
    private readonly Counter<long> _requests;
    private readonly Counter<long> _evictions;

    public CacheMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(ProxyMetrics.MeterName);
        _requests = meter.CreateCounter<long>(
            "mesh.proxy.cache.requests",
            description: "Requests on caching routes by route and outcome: hit (fresh, stored), stale (stored, revalidated or allowed stale), miss (fetched), bypass (not cacheable: method, range, upgrade)");
        _evictions = meter.CreateCounter<long>("mesh.proxy.cache.evictions", description: "Stored responses dropped to make room (least recently used first)");
    }

    /// <summary>Observes the store's size; the store is made after the metrics, so it registers itself.</summary>
    public void Observe(ResponseStore store)
    {
        var meter = _requests.Meter;
        meter.CreateObservableGauge("mesh.proxy.cache.bytes", () => store.Bytes, unit: "By", description: "Bytes the edge cache holds (bodies, headers, bookkeeping)");
        meter.CreateObservableGauge("mesh.proxy.cache.entries", () => store.Count, description: "Responses the edge cache holds");
    }

    public void Answered(string route, string outcome) => _requests.Add(1, new TagList { { "route", route }, { "outcome", outcome } });

    public void Evicted(int count)
    {
        if (count > 0)
        {
            _evictions.Add(count);
        }
    }
}
