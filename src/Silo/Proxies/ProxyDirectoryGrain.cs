using System.Collections.Immutable;
using Mesh.Contracts.Proxies;
using Mesh.Silo.Hosting;

namespace Mesh.Silo.Proxies;

/// <summary>
/// Soft state: proxies report on every applied snapshot and on a timer, so after a silo loss
/// the directory fills again within one report interval. Proxies silent for an hour are forgotten.
/// </summary>
internal sealed class ProxyDirectoryGrain([FromKeyedServices(MeshTime.Key)] TimeProvider time) : Grain, IProxyDirectoryGrain
{
    private static readonly TimeSpan ForgetAfter = TimeSpan.FromHours(1);

    private readonly Dictionary<string, ProxyStatus> _proxies = new(StringComparer.Ordinal);

    public Task ReportAsync(ProxyReport report)
    {
        _proxies[report.Id] = new ProxyStatus(report, time.GetUtcNow());
        return Task.CompletedTask;
    }

    public Task<ImmutableArray<ProxyStatus>> ListAsync()
    {
        var cutoff = time.GetUtcNow() - ForgetAfter;
        foreach (var stale in _proxies.Where(p => p.Value.LastSeen < cutoff).Select(p => p.Key).ToList())
        {
            _proxies.Remove(stale);
        }

        return Task.FromResult(_proxies.Values.OrderBy(p => p.Report.Id, StringComparer.Ordinal).ToImmutableArray());
    }
}
