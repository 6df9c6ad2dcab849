using Mesh.Contracts;
using Mesh.Contracts.Analytics;
using Orleans.Concurrency;

namespace Mesh.Silo.Analytics;

/// <summary>
/// A proxy sends one report for all its keys; this worker, local to the silo the report reached, hands each key's
/// minutes to that key's grain, so a proxy makes one call however many routes and services it served.
/// </summary>
[StatelessWorker]
internal sealed class AnalyticsIntakeGrain : Grain, IAnalyticsIntakeGrain
{
    public Task ReportAsync(AnalyticsReport report) => Task.WhenAll(report.Tallies
        .GroupBy(t => (t.Kind, t.Key))
        .Select(key => GrainFactory.GetGrain<IAnalyticsGrain>(GrainKeys.Analytics(key.Key.Kind, key.Key.Key)).AddAsync([.. key.Select(t => t.Figures)])));
}
