using System.Diagnostics;
using System.Diagnostics.Metrics;
using Mesh.Proxy.Telemetry;

namespace Mesh.Proxy.Identity;

/// <summary>Mesh identity on the proxy's meter: its certificate, and a sidecar's inbound decisions.</summary>
internal sealed class IdentityMetrics
{
    private readonly Counter<long> _inbound;

    public IdentityMetrics(IMeterFactory meters, WorkloadIdentity identity, TimeProvider time)
    {
        var meter = meters.Create(ProxyMetrics.MeterName);
        _inbound = meter.CreateCounter<long>("mesh.proxy.inbound.requests", description: "Inbound mesh requests by caller and decision: allowed, denied (policy) or untrusted (certificate)");
        meter.CreateObservableGauge(
            "mesh.proxy.certificate.expiry",
            () => identity.Current is { } current ? (current.NotAfter - time.GetUtcNow()).TotalSeconds : 0,
            unit: "s",
            description: "Seconds until this proxy's certificate expires; 0 without one");
    }

    public void Inbound(string caller, string decision) => _inbound.Add(1, new TagList { { "caller", caller }, { "decision", decision } });
}
