using System.Collections.Immutable;
using Mesh.Contracts.Catalog;
using Mesh.Contracts.Configuration;
using Mesh.Contracts.Validation;
using Mesh.Silo.Catalog.Kinds;

namespace Mesh.Silo.Catalog;

/// <summary>
/// What a commit would make of the configuration, decided before anything is stored: the resulting tables,
/// the resources it creates, updates and deletes (with the fields that change), or every reason to refuse it.
/// One path for every kind and every way of changing them (a PUT, a DELETE, an apply, a rollback).
/// </summary>
/// <remarks>
/// References are checked against the result, not the current configuration, so one commit may add a service
/// and the route to it. Deleting an owner deletes what it owns (a service its authorization policy and static
/// endpoints); deleting anything else that is still referred to is refused.
/// </remarks>
internal sealed class CommitPlan
{
    private CommitPlan(WriteOutcome outcome, ValidationErrors errors, ConfigTables result, ImmutableArray<PlannedChange> changes)
    {
        Outcome = outcome;
        Errors = errors;
        Result = result;
        Changes = changes;
    }

    public WriteOutcome Outcome { get; }

    public ValidationErrors Errors { get; }

    public ConfigTables Result { get; }

    public ImmutableArray<PlannedChange> Changes { get; }

    public static CommitPlan Make(ConfigTables current, ConfigCommit commit)
    {
        var single = IsSingle(commit);
        var errors = new ValidationErrors();
        var result = commit.ReplaceAll ? ImmutableSortedDictionary<ResourceKey, StoredResource>.Empty.ToBuilder() : current.Resources.ToBuilder();
        var put = new HashSet<ResourceKey>();
        foreach (var (key, spec) in commit.Puts.Select(p => (p.Key, p.Spec)))
        {
            var kind = ConfigKinds.Get(key.Kind);
            if (kind.NameError(key.Name) is { } rule)
            {
                errors.Add(single ? "name" : PathOf(kind, key.Name), rule);
                continue;
            }

            put.Add(key);
            result[key] = new StoredResource(spec, kind.Render(key.Name, spec));
        }

        foreach (var key in commit.Deletes)
        {
            if (!result.Remove(key) && single)
            {
                return Refused(WriteOutcome.NotFound, errors, current);
            }
        }

        var missingOwner = RemoveOrphans(result, current, put, single ? null : errors);
        if (single && missingOwner)
        {
            return Refused(WriteOutcome.NotFound, errors, current);
        }

        var conflict = CheckReferences(result, relative: single, singleDelete: single && commit.Deletes.Length == 1, errors);
        if (!errors.IsEmpty)
        {
            return Refused(conflict ? WriteOutcome.Conflict : WriteOutcome.Invalid, errors, current);
        }

        var tables = new ConfigTables(result.ToImmutable());
        return new CommitPlan(WriteOutcome.Applied, errors, tables, Diff(current.Json, tables.Json));
    }

    /// <summary>A single PUT or DELETE names fields relative to its resource, as the per-resource API always has.</summary>
    public static bool IsSingle(ConfigCommit commit) =>
        commit.Source is ChangeSource.Put or ChangeSource.Delete && commit.Puts.Length + commit.Deletes.Length == 1;

    /// <summary>What changed between two configurations, resource by resource.</summary>
    public static ImmutableArray<PlannedChange> Diff(IReadOnlyDictionary<ResourceKey, string> before, IReadOnlyDictionary<ResourceKey, string> after)
    {
        var changes = ImmutableArray.CreateBuilder<PlannedChange>();
        foreach (var key in before.Keys.Union(after.Keys).Order())
        {
            var was = before.GetValueOrDefault(key);
            var now = after.GetValueOrDefault(key);
            if (was == now)
            {
                continue;
            }

            var change = was is null ? ChangeKind.Create : now is null ? ChangeKind.Delete : ChangeKind.Update;
            var fields = change == ChangeKind.Update ? JsonFieldDiff.Paths(was!, now!) : [];
            changes.Add(new PlannedChange(key, change, was, now, [.. fields]));
        }

        return changes.ToImmutable();
    }

    /// <summary>Where a resource sits in the configuration document: <c>routes.orders</c>.</summary>
    public static string PathOf(IResourceKind kind, string name) => kind == ConfigKinds.Endpoint
        ? $"services.{ConfigKinds.SplitEndpoint(name).Service}.endpoints.{ConfigKinds.SplitEndpoint(name).Id}"
        : $"{kind.Section}.{name}";

    /// <summary>
    /// Takes out what an owner deleted by this commit owned; a resource put by this commit whose owner does not
    /// exist is an error instead. Returns whether any owner was missing.
    /// </summary>
    private static bool RemoveOrphans(
        ImmutableSortedDictionary<ResourceKey, StoredResource>.Builder result, ConfigTables current, HashSet<ResourceKey> put, ValidationErrors? errors)
    {
        var missing = false;
        foreach (var (key, resource) in result.ToList())
        {
            var kind = ConfigKinds.Get(key.Kind);
            foreach (var owner in kind.References(key.Name, resource.Spec).Where(r => r.Owned && !result.ContainsKey(r.Target)))
            {
                if (!put.Contains(key) && current.Contains(owner.Target))
                {
                    result.Remove(key);
                    break;
                }

                missing = true;
                errors?.Add(FieldPath.Member(PathOf(kind, key.Name), owner.Field), $"{ConfigKinds.Get(owner.Target.Kind).Label} '{owner.Target.Name}' does not exist");
            }
        }

        return missing;
    }

    /// <summary>
    /// Every reference to something the result lacks. For a single DELETE that is the deleted resource being still
    /// in use (a conflict, named once with everything that uses it); otherwise each reference is an error at its
    /// path, relative to the resource for a single PUT (only the resource put can refer to something missing).
    /// Returns whether it is a conflict.
    /// </summary>
    private static bool CheckReferences(
        ImmutableSortedDictionary<ResourceKey, StoredResource>.Builder result, bool relative, bool singleDelete, ValidationErrors errors)
    {
        var users = new SortedDictionary<ResourceKey, SortedSet<ResourceKey>>();
        foreach (var (key, resource) in result)
        {
            var kind = ConfigKinds.Get(key.Kind);
            foreach (var reference in kind.References(key.Name, resource.Spec).Where(r => !r.Owned && !result.ContainsKey(r.Target)))
            {
                if (singleDelete)
                {
                    users.TryAdd(reference.Target, []);
                    users[reference.Target].Add(key);
                    continue;
                }

                var target = ConfigKinds.Get(reference.Target.Kind);
                errors.Add(relative ? reference.Field : FieldPath.Member(PathOf(kind, key.Name), reference.Field), $"{target.Label} '{reference.Target.Name}' does not exist");
            }
        }

        foreach (var (target, usedBy) in users)
        {
            var byKind = usedBy.GroupBy(u => u.Kind).Select(g => $"{ConfigKinds.Get(g.Key).Label}s: {string.Join(", ", g.Select(u => u.Name))}");
            errors.Add("name", $"{ConfigKinds.Get(target.Kind).Label} '{target.Name}' is used by {string.Join("; ", byKind)}");
        }

        return users.Count > 0;
    }

    private static CommitPlan Refused(WriteOutcome outcome, ValidationErrors errors, ConfigTables current) =>
        new(outcome, errors, current, []);
}

/// <summary>One resource a commit changes, with its document before and after (null: absent) and the fields that differ.</summary>
internal sealed record PlannedChange(ResourceKey Key, ChangeKind Change, string? Before, string? After, ImmutableArray<string> Fields)
{
    public ResourceChangeSummary Summary => new(Key, Change, Fields);

    public HistoryChange ForHistory => new(Key, Before, After);
}
