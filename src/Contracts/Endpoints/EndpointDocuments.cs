using System.Collections.Immutable;
using Mesh.Contracts.Validation;

namespace Mesh.Contracts.Endpoints;

/// <summary>Maps between <see cref="EndpointDocument"/> and <see cref="EndpointSpec"/>.</summary>
public static class EndpointDocuments
{
    public const int DefaultWeight = 1;
    public const int MaxWeight = 1000;
    public const string DefaultZone = "local";
    public static readonly TimeSpan MinimumTtl = TimeSpan.FromSeconds(1);

    public static EndpointSpec Parse(EndpointDocument document, ValidationErrors errors)
    {
        var read = new DocumentReader(errors);
        var address = ParseAddress(document.Address, errors);
        var zone = document.Zone ?? DefaultZone;
        if (!ResourceNames.IsValidEndpointId(zone))
        {
            errors.Add("zone", "must be 1-128 letters, digits, '.', '_', ':' or '-'");
        }

        foreach (var key in document.Metadata?.Keys ?? [])
        {
            if (!HttpSyntax.IsToken(key))
            {
                errors.Add(FieldPath.Member("metadata", key), "keys must be tokens (letters, digits and -._~ and the like)");
            }
        }

        var ttl = read.OptionalDuration(document.Ttl, "ttl");
        if (ttl < MinimumTtl)
        {
            errors.Add("ttl", "must be at least 1s");
        }

        return new EndpointSpec(
            address,
            read.Number(document.Weight, "weight", DefaultWeight, 0, MaxWeight),
            zone,
            (document.Metadata ?? ImmutableSortedDictionary<string, string>.Empty).ToImmutableSortedDictionary(StringComparer.Ordinal),
            ttl);
    }

    /// <summary>The registration alone, as configuration holds it: no id, service or live fields.</summary>
    public static EndpointDocument From(EndpointSpec spec) => new()
    {
        Address = spec.Address.OriginalString,
        Weight = spec.Weight,
        Zone = spec.Zone,
        Metadata = spec.Metadata,
        Ttl = spec.Ttl is { } ttl ? Duration.Format(ttl) : null,
    };

    public static EndpointDocument From(EndpointStatus status) => new()
    {
        Id = status.Id,
        Service = status.Service,
        Address = status.Spec.Address.OriginalString,
        Weight = status.Spec.Weight,
        Zone = status.Spec.Zone,
        Metadata = status.Spec.Metadata,
        Ttl = status.Spec.Ttl is { } ttl ? Duration.Format(ttl) : null,
        Health = EnumNames<EndpointHealth>.Name(status.Health),
        LastHeartbeat = status.LastHeartbeat,
        EjectedUntil = status.EjectedUntil,
        LastProbe = status.LastProbe is { } probe ? new ProbeDocument { At = probe.At, Result = probe.Result } : null,
    };

    private static Uri ParseAddress(string? address, ValidationErrors errors)
    {
        if (string.IsNullOrEmpty(address))
        {
            errors.Add("address", "is required");
        }
        else if (!Uri.TryCreate(address, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || uri.Host.Length == 0)
        {
            errors.Add("address", "must be an absolute http or https URL");
        }
        else if (uri.PathAndQuery != "/" || uri.Fragment.Length > 0 || uri.UserInfo.Length > 0)
        {
            errors.Add("address", "must name only scheme, host and port (no path, query, fragment or credentials)");
        }
        else
        {
            return uri;
        }

        return new Uri("http://invalid.invalid");
    }
}
