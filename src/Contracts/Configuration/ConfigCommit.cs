using System.Collections.Immutable;

namespace Mesh.Contracts.Configuration;

/// <summary>
/// A set of configuration changes that the catalog makes as one version, or refuses as a whole. A put carries
/// the parsed spec (a <c>ServiceSpec</c>, <c>RouteSpec</c>, …). With <see cref="ReplaceAll"/> the puts are the
/// whole configuration: every resource not among them is deleted (an apply with pruning, a rollback).
/// </summary>
[GenerateSerializer, Immutable, Alias("mesh.config-commit")]
public sealed record ConfigCommit(
    [property: Id(0)] ImmutableArray<ResourcePut> Puts,
    [property: Id(1)] ImmutableArray<ResourceKey> Deletes,
    [property: Id(2)] bool ReplaceAll,
    [property: Id(3)] ChangeSource Source,
    [property: Id(4)] bool DryRun)
{
    public static ConfigCommit Put(string kind, string name, object spec) =>
        new([new ResourcePut(new ResourceKey(kind, name), spec)], [], false, ChangeSource.Put, false);

    public static ConfigCommit Delete(string kind, string name) =>
        new([], [new ResourceKey(kind, name)], false, ChangeSource.Delete, false);
}

[GenerateSerializer, Immutable, Alias("mesh.resource-put")]
public sealed record ResourcePut([property: Id(0)] ResourceKey Key, [property: Id(1)] object Spec);
