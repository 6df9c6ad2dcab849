using System.Collections.Immutable;
using System.Diagnostics.Metrics;
using System.Threading.RateLimiting;
using BenchmarkDotNet.Attributes;
using Mesh.Contracts;
using Mesh.Contracts.Catalog;
using Mesh.Contracts.RateLimiting;
using Mesh.Proxy.Caching;
using Mesh.Proxy.Catalog;
using Mesh.Proxy.Hosting;
using Mesh.Proxy.RateLimiting;
using Mesh.Proxy.Telemetry;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OpenTelemetry.Metrics;
using Yarp.ReverseProxy.Configuration;

namespace Mesh.Bench.Micro.RateLimiting;

/// <summary>
/// One rate-limit decision on the proxy's hot path, with a lease in hand: the proxy's own
/// <see cref="LeasedTokenLimiter"/> (and the same through <see cref="PartitionedRateLimiter"/>, as the
/// middleware reaches it), against asking the bucket's grain on every request from an Orleans client to a
/// real silo process. The policy never runs out, so every decision admits; the decision metric is recorded
/// by OpenTelemetry as in the proxy. Not sealed: BenchmarkDotNet derives from benchmark classes.
/// </summary>
[MemoryDiagnoser]
public class RateLimitDecisionBenchmarks : IDisposable
{
    private const string ProxyId = "micro-bench";
    private const string LocalPolicy = "micro-local";
    private const string GrainPolicy = "micro-grain";
    private const string GlobalKey = "*";
    private static readonly RateLimitPolicySpec Unlimited = new(int.MaxValue, int.MaxValue, "global", FailMode.Open);

    private IHost? _host;
    private LeasedTokenLimiter? _limiter;
    private LeasedBucket? _bucket;
    private ProxyRateLimitMetrics? _metrics;
    private PartitionedRateLimiter<int>? _partitioned;
    private IRateLimitGrain? _grain;
    private LeaseRequest? _wantOne;
    private Func<ValueTask<RateLimitLease>>? _limiterSlowPath;
    private Func<ValueTask<RateLimitLease>>? _partitionedSlowPath;
    private Func<ValueTask<RateLimitLease>>? _bucketSlowPath;
    private long _decisions;
    private long _slowPaths;

    [GlobalSetup]
    public async Task SetupAsync()
    {
        var silo = await SiloProcess.SharedAsync();
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.UseOrleansClient(client => client.UseLocalhostClustering(silo.GatewayPort, "mesh", "mesh"));
        builder.Services.AddOpenTelemetry().WithMetrics(metrics => metrics.AddMeter(ProxyMetrics.MeterName).AddPrometheusExporter());
        _host = builder.Build();
        await _host.StartAsync();

        var cluster = _host.Services.GetRequiredService<IClusterClient>();
        var applier = new SnapshotApplier(
            new InMemoryConfigProvider([], []),
            new SnapshotFile(Options.Create(new ProxyOptions()), NullLogger<SnapshotFile>.Instance),
            new SnapshotPurges(
                new ResponseStore(Options.Create(new ProxyCacheOptions()), new CacheMetrics(_host.Services.GetRequiredService<System.Diagnostics.Metrics.IMeterFactory>())),
                NullLogger<SnapshotPurges>.Instance),
            Options.Create(new ProxyOptions()),
            TimeProvider.System,
            NullLogger<SnapshotApplier>.Instance);
        var snapshot = CatalogSnapshot.Empty with
        {
            Version = 1,
            RateLimits = ImmutableSortedDictionary<string, RateLimitPolicySpec>.Empty.Add(LocalPolicy, Unlimited),
        };
        applier.Offer(snapshot);
        applier.OnApplied("1");

        var metrics = _metrics = new ProxyRateLimitMetrics(_host.Services.GetRequiredService<IMeterFactory>());
        _limiter = new LeasedTokenLimiter(new LeasedBucket(BucketId.For(LocalPolicy, GlobalKey), applier, cluster, ProxyId, TimeProvider.System), TimeProvider.System, metrics);
        _bucket = new LeasedBucket(BucketId.For(LocalPolicy, "bucket-only"), applier, cluster, ProxyId, TimeProvider.System);
        _partitioned = PartitionedRateLimiter.Create<int, BucketId>(_ => RateLimitPartition.Get(
            BucketId.For(LocalPolicy, "partitioned"),
            key => new LeasedTokenLimiter(new LeasedBucket(key, applier, cluster, ProxyId, TimeProvider.System), TimeProvider.System, metrics)));

        // The first request of a bucket waits for its first lease, as in the proxy; after that a lease is in hand.
        if (!(await _bucket.TakeAfterLeaseAsync(CancellationToken.None)).Admitted)
        {
            throw new InvalidOperationException("the first lease was refused");
        }

        using (var first = await _limiter.AcquireAsync(1))
        using (var firstPartitioned = await _partitioned.AcquireAsync(0, 1))
        {
            if (!first.IsAcquired || !firstPartitioned.IsAcquired)
            {
                throw new InvalidOperationException("the first lease was refused");
            }
        }

        // Made once: a lambda per call would allocate on the measured path.
        _limiterSlowPath = () => _limiter.AcquireAsync(1);
        _partitionedSlowPath = () => _partitioned.AcquireAsync(0, 1);
        _bucketSlowPath = async () => (await _bucket.TakeAfterLeaseAsync(CancellationToken.None)).Admitted ? NoLease.Acquired : NoLease.Refused;

        _grain = cluster.GetGrain<IRateLimitGrain>(GrainKeys.RateLimitBucket(GrainPolicy, GlobalKey));
        _wantOne = new LeaseRequest(ProxyId, Wanted: 1, Returned: 0, Unlimited);
        if ((await _grain.LeaseAsync(_wantOne)).Granted != 1)
        {
            throw new InvalidOperationException("the grain did not grant one token");
        }
    }

    [GlobalCleanup]
    public async Task CleanupAsync()
    {
        Console.WriteLine($"// local decisions: {_decisions}; without a leased token (so AcquireAsync waited for the grain): {_slowPaths}");
        if (_host is not null)
        {
            await _host.StopAsync();
        }

        Dispose();
    }

    public void Dispose()
    {
        _limiter?.Dispose();
        _partitioned?.Dispose();
        _host?.Dispose();
        (_limiter, _partitioned, _host) = (null, null, null);
    }

    /// <summary>What the rate-limiting middleware does: <c>AttemptAcquire</c>, and <c>AcquireAsync</c> only when that did not admit.</summary>
    [Benchmark(Baseline = true, Description = "local: LeasedTokenLimiter.AttemptAcquire")]
    public ValueTask<bool> LocalLease() => Decide(_limiter!.AttemptAcquire(1), _limiterSlowPath!);

    [Benchmark(Description = "local: PartitionedRateLimiter.AttemptAcquire (as the middleware)")]
    public ValueTask<bool> LocalLeasePartitioned() => Decide(_partitioned!.AttemptAcquire(0, 1), _partitionedSlowPath!);

    /// <summary>Part of the above: the bucket's interlocked take (with the demand meter and the refill check).</summary>
    [Benchmark(Description = "part: LeasedBucket.TryTake")]
    public ValueTask<bool> BucketOnly()
    {
        _decisions++;
        return _bucket!.TryTake() ? ValueTask.FromResult(true) : SlowPathAsync(_bucketSlowPath!);
    }

    /// <summary>Part of the above: the decision counter, recorded by OpenTelemetry as in the proxy.</summary>
    [Benchmark(Description = "part: ProxyRateLimitMetrics.Decided")]
    public bool MetricOnly()
    {
        _metrics!.Decided(LocalPolicy, "local", admitted: true);
        return true;
    }

    [Benchmark(Description = "grain: IRateLimitGrain.LeaseAsync(Wanted=1) per request")]
    public async Task<bool> GrainPerRequest() => (await _grain!.LeaseAsync(_wantOne!)).Granted == 1;

    private ValueTask<bool> Decide(RateLimitLease lease, Func<ValueTask<RateLimitLease>> slowPath)
    {
        _decisions++;
        var acquired = lease.IsAcquired;
        lease.Dispose();
        return acquired ? ValueTask.FromResult(true) : SlowPathAsync(slowPath);
    }

    private async ValueTask<bool> SlowPathAsync(Func<ValueTask<RateLimitLease>> slowPath)
    {
        _slowPaths++;
        using var lease = await slowPath();
        return lease.IsAcquired;
    }
}
