using System.Collections.Immutable;
using Mesh.Contracts;
using Mesh.Contracts.Catalog;
using Mesh.Contracts.Circuits;
using Mesh.Contracts.Configuration;
using Mesh.Contracts.Endpoints;
using Mesh.Contracts.Services;
using Mesh.Contracts.Validation;
using Mesh.Silo.Catalog.Kinds;
using Mesh.Silo.Certificates;
using Mesh.Silo.Consumers;

namespace Mesh.Silo.Catalog;

/// <summary>Configuration: one commit path for every kind and every way of changing it, and the history of commits.</summary>
internal sealed partial class CatalogGrain
{
    /// <summary>Commits kept in history (the contract asks for at least 100).</summary>
    public const int RetainedCommits = 200;

    public async Task<CommitResult> CommitAsync(ConfigCommit commit)
    {
        var (keyless, keys) = EdgeCertificateKeys.Separate(commit);
        var plan = CommitPlan.Make(_model.Config, keyless);
        if (plan.Outcome != WriteOutcome.Applied)
        {
            return new CommitResult(plan.Outcome, state.State.ConfigVersion, plan.Errors.ToImmutable(), []);
        }

        var keyErrors = EdgeCertificateKeys.Check(plan, CommitPlan.IsSingle(commit), keys, state.State.CertificateKeys, time.GetUtcNow());
        if (!keyErrors.IsEmpty)
        {
            return new CommitResult(WriteOutcome.Invalid, state.State.ConfigVersion, keyErrors.ToImmutable(), []);
        }

        var changes = plan.Changes.Select(c => c.Summary).ToImmutableArray();
        if (commit.DryRun || plan.Changes.IsEmpty)
        {
            return new CommitResult(WriteOutcome.Applied, state.State.ConfigVersion, ImmutableSortedDictionary<string, ImmutableArray<string>>.Empty, changes);
        }

        var before = _model.Config;
        var orphaned = plan.Changes
            .Where(c => c.Key.Kind == ResourceKinds.Service && c.Change == ChangeKind.Delete)
            .SelectMany(c => _model.EndpointIds(c.Key.Name).Select(id => (Service: c.Key.Name, Id: id)))
            .ToList();
        await StoreAsync(plan, commit.Source, keys);
        _model.Config = plan.Result;
        await ApplyEffectsAsync(before, plan, orphaned);
        PushSnapshot();
        return new CommitResult(WriteOutcome.Applied, Version, ImmutableSortedDictionary<string, ImmutableArray<string>>.Empty, changes);
    }

    public Task<ImmutableDictionary<string, string>> GetCertificateKeysAsync(ImmutableArray<string> sha256s) =>
        Task.FromResult(EdgeCertificateKeys.For(sha256s, _model.Config, state.State.CertificateKeys));

    public Task<ConfigDocuments> GetConfigAsync() => Task.FromResult(_model.Config.Documents(state.State.ConfigVersion));

    public async Task<ConfigDocuments?> GetConfigAtAsync(long version) =>
        await DocumentsAtAsync(version) is { } documents
            ? new ConfigDocuments(version, [.. documents.Select(d => new ResourceDocument(d.Key, d.Value))])
            : null;

    public Task<ImmutableArray<ConfigHistoryItem>> GetHistoryAsync() =>
        Task.FromResult(state.State.History.AsEnumerable().Reverse().Select(r => r.Item).ToImmutableArray());

    public async Task<ImmutableArray<ResourceChangeSummary>?> DiffAsync(long from, long to)
    {
        if (await DocumentsAtAsync(from) is not { } before || await DocumentsAtAsync(to) is not { } after)
        {
            return null;
        }

        return CommitPlan.Diff(before, after).Select(c => c.Summary).ToImmutableArray();
    }

    public async Task<CommitResult?> RollbackAsync(long version)
    {
        if (await DocumentsAtAsync(version) is not { } documents)
        {
            return null;
        }

        var errors = new ValidationErrors();
        var puts = documents.Select(d => new ResourcePut(d.Key, ConfigKinds.Get(d.Key.Kind).Parse(d.Value, errors))).ToImmutableArray();
        if (!errors.IsEmpty)
        {
            // Stored documents were valid when they were committed; a stricter release may refuse them now.
            return new CommitResult(WriteOutcome.Invalid, Version, errors.ToImmutable(), []);
        }

        return await CommitAsync(new ConfigCommit(puts, [], ReplaceAll: true, ChangeSource.Rollback, DryRun: false));
    }

    /// <summary>
    /// The history entry first, then the catalog's row: the row is the commit point. A crash in between leaves an
    /// entry past the recorded sequence, which nothing reads and the next commit overwrites.
    /// </summary>
    private async Task StoreAsync(CommitPlan plan, ChangeSource source, IReadOnlyDictionary<string, StoredCertificateKey> keys)
    {
        var version = NextVersion();
        var sequence = state.State.Sequence + 1;
        var entry = new ConfigHistoryEntry(version, time.GetUtcNow(), source, [.. plan.Changes.Select(c => c.ForHistory)]);
        await GrainFactory.GetGrain<IConfigHistoryEntryGrain>(sequence).StoreAsync(entry);

        var stored = state.State;
        stored.Version = version;
        stored.ConfigVersion = version;
        stored.Sequence = sequence;
        stored.Resources = plan.Result.Resources
            .GroupBy(r => r.Key.Kind, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToDictionary(r => r.Key.Name, r => r.Value.Json, StringComparer.Ordinal), StringComparer.Ordinal);
        stored.History.Add(new HistoryRecord(sequence, version, entry.At, source, entry.Changes.Length));
        var forgotten = stored.History.Count > RetainedCommits ? stored.History.Take(stored.History.Count - RetainedCommits).ToList() : [];
        stored.History.RemoveRange(0, forgotten.Count);
        foreach (var change in plan.Changes)
        {
            RecordEndpointIndex(change);
        }

        EdgeCertificateKeys.Keep(stored.CertificateKeys, keys, entry.At);
        ConsumerKeys.ForgetOrphans(stored.ApiKeys, plan.Result);
        ForgetStaleJwks(stored.Jwks, plan.Result);
        await WriteAsync();
        _model.SetApiKeys(stored.ApiKeys.Values);
        _model.SetJwks(stored.Jwks);
        await Task.WhenAll(forgotten.Select(r => GrainFactory.GetGrain<IConfigHistoryEntryGrain>(r.Sequence).ClearAsync()));
    }

    /// <summary>Keeps the stored list of registered endpoints in step with the services and static endpoints a commit adds or removes.</summary>
    private void RecordEndpointIndex(PlannedChange change)
    {
        var endpoints = state.State.Endpoints;
        if (change.Key.Kind == ResourceKinds.Service)
        {
            if (change.Change == ChangeKind.Delete)
            {
                endpoints.Remove(change.Key.Name);
            }
            else
            {
                endpoints.TryAdd(change.Key.Name, new HashSet<string>(StringComparer.Ordinal));
            }
        }
        else if (change.Key.Kind == ResourceKinds.Endpoint)
        {
            var (service, id) = ConfigKinds.SplitEndpoint(change.Key.Name);
            if (change.Change == ChangeKind.Delete)
            {
                endpoints.GetValueOrDefault(service)?.Remove(id);
            }
            else
            {
                endpoints.TryAdd(service, new HashSet<string>(StringComparer.Ordinal));
                endpoints[service].Add(id);
            }
        }
    }

    /// <summary>
    /// What a committed change means for the grains that act on configuration: circuits take their settings,
    /// endpoint grains their registration and probing policy, and the endpoints of a deleted service (static and
    /// self-registered, <paramref name="orphaned"/>) end. A failure here is repaired when the catalog next
    /// activates, which registers every static endpoint its configuration holds.
    /// </summary>
    private async Task ApplyEffectsAsync(ConfigTables before, CommitPlan plan, List<(string Service, string Id)> orphaned)
    {
        WatchJwks(plan.Changes.Where(c => c.Key.Kind == ResourceKinds.JwtProvider).Select(c => c.Key.Name));
        var calls = orphaned.Select(e => Endpoint(e.Service, e.Id).ClearAsync()).ToList();
        foreach (var change in plan.Changes.Where(c => c.Key.Kind == ResourceKinds.Service))
        {
            var name = change.Key.Name;
            var was = before.Find<ServiceSpec>(ConfigKinds.Service, name);
            var now = plan.Result.Find<ServiceSpec>(ConfigKinds.Service, name);
            if (now is null)
            {
                continue;
            }

            if (was?.CircuitBreaker != now.CircuitBreaker)
            {
                calls.Add(GrainFactory.GetGrain<ICircuitBreakerGrain>(name).ConfigureAsync(now.CircuitBreaker));
            }

            if (was is not null && EndpointPolicy.From(was) != EndpointPolicy.From(now))
            {
                var policy = EndpointPolicy.From(now);
                calls.AddRange(_model.EndpointIds(name).Select(id => Endpoint(name, id).UpdatePolicyAsync(policy)));
            }
        }

        foreach (var change in plan.Changes.Where(c => c.Key.Kind == ResourceKinds.Endpoint))
        {
            var (service, id) = ConfigKinds.SplitEndpoint(change.Key.Name);
            if (plan.Result.Find<EndpointSpec>(ConfigKinds.Endpoint, change.Key.Name) is { } spec)
            {
                calls.Add(RegisterAsync(service, id, spec, plan.Result));
            }
            else if (plan.Result.Find<ServiceSpec>(ConfigKinds.Service, service) is not null)
            {
                _model.RemoveEndpoint(service, id);
                calls.Add(Endpoint(service, id).ClearAsync());
            }
        }

        try
        {
            await Task.WhenAll(calls);
        }
        catch (Exception e)
        {
            LogEffectsFailed(Version, e);
        }
    }

    private async Task RegisterAsync(string service, string id, EndpointSpec spec, ConfigTables config)
    {
        var policy = EndpointPolicy.From(config.Find<ServiceSpec>(ConfigKinds.Service, service)!);
        _model.SetEndpoint(await Endpoint(service, id).RegisterAsync(spec, policy));
    }

    /// <summary>Every document at a configuration version: the current one, or one of the retained commits, rebuilt by undoing the commits after it.</summary>
    private async Task<Dictionary<ResourceKey, string>?> DocumentsAtAsync(long version)
    {
        var documents = _model.Config.Resources.ToDictionary(r => r.Key, r => r.Value.Json);
        if (version == state.State.ConfigVersion)
        {
            return documents;
        }

        var target = state.State.History.FindIndex(r => r.Version == version);
        if (target < 0)
        {
            return null;
        }

        var later = state.State.History.Skip(target + 1).Reverse().ToList();
        var entries = await Task.WhenAll(later.Select(r => GrainFactory.GetGrain<IConfigHistoryEntryGrain>(r.Sequence).GetAsync()));
        if (entries.Any(e => e is null))
        {
            // A lost entry (its row deleted by hand) makes every version before it unknowable.
            return null;
        }

        foreach (var entry in entries)
        {
            foreach (var change in entry!.Changes)
            {
                if (change.Before is { } restored)
                {
                    documents[change.Key] = restored;
                }
                else
                {
                    documents.Remove(change.Key);
                }
            }
        }

        return documents;
    }

    private IEndpointGrain Endpoint(string service, string id) => GrainFactory.GetGrain<IEndpointGrain>(GrainKeys.Endpoint(service, id));
}
