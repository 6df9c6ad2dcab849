using System.Collections.Immutable;
using System.Net.Security;
using System.Security.Cryptography;
using Mesh.Contracts;
using Mesh.Contracts.Catalog;
using Mesh.Contracts.Certificates;
using Mesh.Proxy.Catalog;
using Mesh.Proxy.Hosting;

namespace Mesh.Proxy.Tls;

/// <summary>
/// Keeps an edge's TLS certificates following the snapshot it serves: when an applied snapshot brings a certificate
/// whose key this edge does not hold, it asks the catalog for that key (the one call that carries keys, never on a
/// request's path), then swaps in the new SNI table for new handshakes. Keys are kept on disk beside the snapshot;
/// while the control plane is away, certificates whose keys it holds keep serving and the rest are retried every second.
/// </summary>
internal sealed partial class EdgeCertificateSync(
    IClusterClient client,
    SnapshotApplier applier,
    EdgeCertificates certificates,
    EdgeCertificateKeyFile keyFile,
    ILogger<EdgeCertificateSync> logger) : BackgroundService
{
    private static readonly TimeSpan RetryInterval = TimeSpan.FromSeconds(1);

    private readonly Wakeup _changed = new();
    private Dictionary<string, string> _keys = new(StringComparer.Ordinal);
    private HashSet<string> _savedKeys = new(StringComparer.Ordinal);
    private Dictionary<string, SslStreamCertificateContext> _contexts = new(StringComparer.Ordinal);
    private ImmutableSortedDictionary<string, EdgeCertificateSpec>? _installed;
    private bool _fetchFailing;

    public override void Dispose()
    {
        _changed.Dispose();
        base.Dispose();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _keys = keyFile.Load();
        _savedKeys = [.. _keys.Keys];
        applier.Changed += _changed.Request;
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                var complete = await SyncAsync();
                await _changed.WaitAsync(complete ? Timeout.InfiniteTimeSpan : RetryInterval, stoppingToken);
            }
        }
        catch (OperationCanceledException)
        {
        }
        finally
        {
            applier.Changed -= _changed.Request;
        }
    }

    /// <summary>Returns whether every certificate of the snapshot is in use (false: a key is still missing).</summary>
    private async Task<bool> SyncAsync()
    {
        var view = applier.Current;
        var wanted = view.Snapshot.Certificates;

        // Before the first snapshot (from the catalog or the file) there is nothing to judge the kept keys by.
        if (view.Version == 0 || (_installed is { } installed && SameCertificates(installed, wanted)))
        {
            return true;
        }

        var missing = wanted.Values.Select(c => c.Sha256).Where(s => !_keys.ContainsKey(s)).Distinct(StringComparer.Ordinal).ToImmutableArray();
        if (!missing.IsEmpty)
        {
            try
            {
                foreach (var (sha256, key) in await client.GetGrain<ICatalogGrain>(GrainKeys.Catalog).GetCertificateKeysAsync(missing))
                {
                    _keys[sha256] = key;
                }

                _fetchFailing = false;
            }
            catch (Exception e)
            {
                // Once per outage: the retries every second say nothing new.
                if (!_fetchFailing)
                {
                    LogKeysUnavailable(missing.Length, e.Message);
                }

                _fetchFailing = true;
            }
        }

        var built = new List<(SslStreamCertificateContext, IReadOnlyList<string>, bool)>();
        var contexts = new Dictionary<string, SslStreamCertificateContext>(StringComparer.Ordinal);
        foreach (var (name, spec) in wanted)
        {
            if (!_keys.TryGetValue(spec.Sha256, out var key))
            {
                continue;
            }

            if ((contexts.GetValueOrDefault(spec.Sha256) ?? _contexts.GetValueOrDefault(spec.Sha256) ?? Load(name, spec, key)) is { } context)
            {
                contexts[spec.Sha256] = context;
                built.Add((context, spec.Hosts, name == EdgeCertificateSpec.DefaultName));
            }
        }

        certificates.Replace(SniCertificates.Build(built));
        _contexts = contexts;
        var inUse = wanted.Values.Select(c => c.Sha256).ToHashSet(StringComparer.Ordinal);
        var kept = _keys.Where(k => inUse.Contains(k.Key)).ToDictionary(StringComparer.Ordinal);

        // Written only when the set of keys changed: a retry while a key is missing, or a change of hosts, writes nothing.
        if (!kept.Keys.ToHashSet(StringComparer.Ordinal).SetEquals(_savedKeys))
        {
            keyFile.Save(kept);
            _savedKeys = [.. kept.Keys];
        }

        _keys = kept;
        var complete = wanted.Values.All(c => _keys.ContainsKey(c.Sha256));
        _installed = complete ? wanted : null;
        LogInstalled(built.Count, wanted.Count, view.Version);
        return complete;
    }

    private static bool SameCertificates(ImmutableSortedDictionary<string, EdgeCertificateSpec> installed, ImmutableSortedDictionary<string, EdgeCertificateSpec> wanted) =>
        ReferenceEquals(installed, wanted)
        || (installed.Count == wanted.Count
            && wanted.All(w => installed.TryGetValue(w.Key, out var i) && i.Sha256 == w.Value.Sha256 && i.Hosts.SequenceEqual(w.Value.Hosts, StringComparer.Ordinal)));

    private SslStreamCertificateContext? Load(string name, EdgeCertificateSpec spec, string key)
    {
        try
        {
            return TlsCertificateContexts.FromPem(spec.Chain, key);
        }
        catch (Exception e) when (e is CryptographicException or ArgumentException)
        {
            LogUnloadable(name, e.Message);
            return null;
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "TLS certificates in use: {Ready} of {Total} from catalog version {Version}")]
    private partial void LogInstalled(int ready, int total, long version);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not fetch the keys of {Count} new certificates from the control plane ({Reason}); retrying every second")]
    private partial void LogKeysUnavailable(int count, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Certificate {Name} does not load with its key ({Reason}); it is not served")]
    private partial void LogUnloadable(string name, string reason);
}
