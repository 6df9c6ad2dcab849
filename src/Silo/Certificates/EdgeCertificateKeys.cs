using System.Collections.Immutable;
using Mesh.Contracts.Certificates;
using Mesh.Contracts.Configuration;
using Mesh.Contracts.Validation;
using Mesh.Silo.Catalog;
using Mesh.Silo.Catalog.Kinds;

namespace Mesh.Silo.Certificates;

/// <summary>An edge certificate's private key as the catalog keeps it: beside the configuration, never in it.</summary>
[GenerateSerializer, Alias("mesh.stored-certificate-key")]
internal sealed record StoredCertificateKey([property: Id(0)] string Pem, [property: Id(1)] DateTimeOffset NotAfter)
{
    public override string ToString() => $"a key valid until {NotAfter:O}";
}

/// <summary>
/// How edge certificate keys pass through a commit. A put's key is taken out before the commit is planned, so the
/// configuration, its history and its diffs never hold one; keys are kept by the fingerprint of their certificate
/// (a rollback or an apply without keys finds the key of the certificate it brings back) until that certificate
/// expires.
/// </summary>
internal static class EdgeCertificateKeys
{
    /// <summary>The commit with every certificate put stripped of its key, and the keys by certificate fingerprint.</summary>
    public static (ConfigCommit Commit, IReadOnlyDictionary<string, StoredCertificateKey> Given) Separate(ConfigCommit commit)
    {
        var given = new Dictionary<string, StoredCertificateKey>(StringComparer.Ordinal);
        var puts = commit.Puts.Select(put =>
        {
            if (put.Spec is not EdgeCertificateSpec { PrivateKey: { } key } spec)
            {
                return put;
            }

            given[spec.Sha256] = new StoredCertificateKey(key, spec.NotAfter);
            return put with { Spec = spec.WithoutKey() };
        }).ToImmutableArray();
        return (given.Count == 0 ? commit : commit with { Puts = puts }, given);
    }

    /// <summary>Every certificate the plan creates or changes must not have expired and must have a key, given or kept.</summary>
    public static ValidationErrors Check(
        CommitPlan plan, bool single, IReadOnlyDictionary<string, StoredCertificateKey> given, IReadOnlyDictionary<string, StoredCertificateKey> kept, DateTimeOffset now)
    {
        var errors = new ValidationErrors();
        foreach (var change in plan.Changes.Where(c => c.Key.Kind == ResourceKinds.Certificate && c.Change != ChangeKind.Delete))
        {
            var spec = plan.Result.Find<EdgeCertificateSpec>(ConfigKinds.Certificate, change.Key.Name)!;
            var at = single ? string.Empty : CommitPlan.PathOf(ConfigKinds.Certificate, change.Key.Name);
            if (spec.NotAfter <= now)
            {
                errors.Add(FieldPath.Member(at, "certificate"), $"has expired: it was valid until {spec.NotAfter:O}");
            }

            if (!given.ContainsKey(spec.Sha256) && !kept.ContainsKey(spec.Sha256))
            {
                errors.Add(FieldPath.Member(at, "privateKey"), "is required: the catalog holds no key for this certificate");
            }
        }

        return errors;
    }

    /// <summary>Keeps the keys a commit gave and forgets those whose certificate has expired.</summary>
    public static void Keep(Dictionary<string, StoredCertificateKey> kept, IReadOnlyDictionary<string, StoredCertificateKey> given, DateTimeOffset now)
    {
        foreach (var (sha256, key) in given)
        {
            kept[sha256] = key;
        }

        foreach (var expired in kept.Where(k => k.Value.NotAfter <= now).Select(k => k.Key).ToList())
        {
            kept.Remove(expired);
        }
    }

    /// <summary>The keys of the certificates the configuration holds now, of those asked for.</summary>
    public static ImmutableDictionary<string, string> For(IEnumerable<string> sha256s, ConfigTables config, IReadOnlyDictionary<string, StoredCertificateKey> kept)
    {
        var current = config.OfKind<EdgeCertificateSpec>(ConfigKinds.Certificate).Select(c => c.Spec.Sha256).ToHashSet(StringComparer.Ordinal);
        return sha256s.Distinct(StringComparer.Ordinal)
            .Where(current.Contains)
            .Select(s => (Sha256: s, Key: kept.GetValueOrDefault(s)))
            .Where(k => k.Key is not null)
            .ToImmutableDictionary(k => k.Sha256, k => k.Key!.Pem, StringComparer.Ordinal);
    }
}
