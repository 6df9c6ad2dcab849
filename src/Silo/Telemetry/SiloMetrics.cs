using System.Diagnostics;
using System.Diagnostics.Metrics;
using Mesh.Contracts.Circuits;

namespace Mesh.Silo.Telemetry;

/// <summary>The silo's own meter: health probes, ejections and circuit transitions.</summary>
internal sealed class SiloMetrics
{
    public const string MeterName = "Mesh.Silo";

    private readonly Counter<long> _probes;
    private readonly Counter<long> _ejections;
    private readonly Counter<long> _circuitTransitions;

    public SiloMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _probes = meter.CreateCounter<long>("mesh.silo.health.probes", description: "Active health checks, by service and result");
        _ejections = meter.CreateCounter<long>("mesh.silo.endpoint.ejections", description: "Endpoints ejected for consecutive failures, by service");
        _circuitTransitions = meter.CreateCounter<long>("mesh.silo.circuit.transitions", description: "Circuit state changes, by service and new state");
    }

    public void Probed(string service, bool passed) =>
        _probes.Add(1, new TagList { { "service", service }, { "result", passed ? "pass" : "fail" } });

    public void Ejected(string service) => _ejections.Add(1, new TagList { { "service", service } });

    public void CircuitChanged(string service, CircuitState state) =>
        _circuitTransitions.Add(1, new TagList { { "service", service }, { "state", state.ToString() } });
}
