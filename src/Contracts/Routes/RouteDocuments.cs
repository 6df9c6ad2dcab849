using System.Collections.Immutable;
using Mesh.Contracts.Validation;

namespace Mesh.Contracts.Routes;

/// <summary>Maps between <see cref="RouteDocument"/> and <see cref="RouteSpec"/>.</summary>
public static class RouteDocuments
{
    public const int TotalWeight = 100;

    /// <summary>The largest integer a JSON number carries exactly (2^53 - 1): 8 PiB, far past any body.</summary>
    public const long MaxBodyLimit = 9_007_199_254_740_991;

    public static RouteSpec Parse(RouteDocument document, ValidationErrors errors)
    {
        var read = new DocumentReader(errors);
        if (document.RateLimit is not null && !ResourceNames.IsValidName(document.RateLimit))
        {
            errors.Add("rateLimit", ResourceNames.NameRule);
        }

        var auth = read.Choice(document.Auth, "auth", AuthMode.None);
        return new RouteSpec(
            ParseMatch(document.Match, errors),
            ParseBackends(document.Backends, read),
            RouteTransformDocuments.Parse(document.Transforms, document.Match?.Path, errors),
            document.RateLimit,
            auth,
            read.OptionalDuration(document.Timeout, "timeout"),
            ParseMirror(document.Mirror, read),
            document.Order ?? 0,
            ParseBodyLimit(document.MaxRequestBodyBytes, errors))
        {
            JwtProviders = RouteAccessDocuments.ParseJwtProviders(document.JwtProviders, auth, errors),
            Allow = RouteAccessDocuments.ParseAllow(document.Allow, auth, errors),
            Cors = CorsDocuments.Parse(document.Cors, errors),
            Fault = FaultDocuments.Parse(document.Fault, errors),
            Validate = ValidateDocuments.Parse(document.Validate, errors),
            Cache = CacheDocuments.Parse(document.Cache, errors),
        };
    }

    public static RouteDocument From(string id, RouteSpec spec) => new()
    {
        Id = id,
        Match = new RouteMatchDocument
        {
            Hosts = spec.Match.Hosts,
            Path = spec.Match.Path,
            Methods = spec.Match.Methods,
            Headers = spec.Match.Headers.Select(ConditionFrom).ToArray(),
            Query = spec.Match.Query.Select(ConditionFrom).ToArray(),
        },
        Backends = spec.Backends.Select(b => new BackendDocument { Service = b.Service, Weight = b.Weight }).ToArray(),
        Transforms = spec.Transforms.Select(RouteTransformDocuments.From).ToArray(),
        RateLimit = spec.RateLimit,
        Auth = EnumNames<AuthMode>.Name(spec.Auth),
        Timeout = spec.Timeout is { } timeout ? Duration.Format(timeout) : null,
        Mirror = spec.Mirror is { } mirror ? new MirrorDocument { Service = mirror.Service, Percent = mirror.Percent } : null,
        Order = spec.Order,
        MaxRequestBodyBytes = spec.MaxRequestBodyBytes,
        JwtProviders = spec.JwtProviders.IsEmpty ? null : spec.JwtProviders,
        Allow = spec.Allow is { } allow ? new AllowDocument { Consumers = allow.Consumers, Groups = allow.Groups } : null,
        Cors = spec.Cors is { } cors ? CorsDocuments.From(cors) : null,
        Fault = spec.Fault is { } fault ? FaultDocuments.From(fault) : null,
        Validate = spec.Validate is { } validate ? ValidateDocuments.From(validate) : null,
        Cache = spec.Cache is { } cache ? CacheDocuments.From(cache) : null,
    };

    private static long? ParseBodyLimit(long? limit, ValidationErrors errors)
    {
        if (limit is < 0 or > MaxBodyLimit)
        {
            errors.Add("maxRequestBodyBytes", $"must be between 0 and {MaxBodyLimit} bytes (absent: no limit)");
            return null;
        }

        return limit;
    }

    private static RouteMatch ParseMatch(RouteMatchDocument? document, ValidationErrors errors)
    {
        if (document is null || (document.Path is null && (document.Hosts is null || document.Hosts.Count == 0)))
        {
            errors.Add("match", "must name a path, hosts, or both");
        }

        document ??= new RouteMatchDocument();
        if (document.Path is not null && PathTemplate.Check(document.Path) is { } pathError)
        {
            errors.Add("match.path", pathError);
        }

        var hosts = document.Hosts ?? [];
        for (var i = 0; i < hosts.Count; i++)
        {
            if (!HttpSyntax.IsHost(hosts[i]))
            {
                errors.Add(FieldPath.Index("match.hosts", i), "must be a host name, optionally with a leading '*.' and a port");
            }
        }

        var methods = document.Methods ?? [];
        for (var i = 0; i < methods.Count; i++)
        {
            if (!HttpSyntax.Methods.Contains(methods[i]?.ToUpperInvariant() ?? string.Empty))
            {
                errors.Add(FieldPath.Index("match.methods", i), "must be an HTTP method such as GET or POST");
            }
        }

        return new RouteMatch(
            [.. hosts.Select(h => h?.ToLowerInvariant() ?? string.Empty).Distinct()],
            document.Path,
            [.. methods.Select(m => m?.ToUpperInvariant() ?? string.Empty).Distinct()],
            ParseConditions(document.Headers, "match.headers", errors),
            ParseConditions(document.Query, "match.query", errors));
    }

    private static ImmutableArray<HeaderMatch> ParseConditions(IReadOnlyList<MatchConditionDocument>? documents, string field, ValidationErrors errors)
    {
        var read = new DocumentReader(errors);
        var conditions = ImmutableArray.CreateBuilder<HeaderMatch>();
        for (var i = 0; i < (documents?.Count ?? 0); i++)
        {
            var document = documents![i];
            var path = FieldPath.Index(field, i);
            if (document is null)
            {
                errors.Add(path, "must be an object");
                continue;
            }

            if (!HttpSyntax.IsToken(document.Name))
            {
                errors.Add(FieldPath.Member(path, "name"), "is required and must be a token (letters, digits, '-', '_' and the like)");
            }

            var mode = read.Choice(document.Mode, FieldPath.Member(path, "mode"), HeaderMatchMode.Exact);
            var values = document.Values ?? [];
            if (mode == HeaderMatchMode.Exists && values.Count > 0)
            {
                errors.Add(FieldPath.Member(path, "values"), "must be empty when mode is exists");
            }
            else if (mode != HeaderMatchMode.Exists && (values.Count == 0 || values.Any(string.IsNullOrEmpty)))
            {
                errors.Add(FieldPath.Member(path, "values"), "must hold at least one non-empty value");
            }

            conditions.Add(new HeaderMatch(document.Name ?? string.Empty, [.. values], mode));
        }

        return conditions.ToImmutable();
    }

    private static ImmutableArray<WeightedBackend> ParseBackends(IReadOnlyList<BackendDocument>? documents, DocumentReader read)
    {
        if (documents is null || documents.Count == 0)
        {
            read.Errors.Add("backends", "must name at least one service");
            return [];
        }

        var backends = ImmutableArray.CreateBuilder<WeightedBackend>(documents.Count);
        for (var i = 0; i < documents.Count; i++)
        {
            var path = FieldPath.Index("backends", i);
            if (documents[i] is null)
            {
                read.Errors.Add(path, "must be an object");
                backends.Add(new WeightedBackend(string.Empty, 0));
                continue;
            }

            read.ServiceReference(documents[i].Service, FieldPath.Member(path, "service"));
            var fallback = documents.Count == 1 ? TotalWeight : 0;
            backends.Add(new WeightedBackend(
                documents[i].Service ?? string.Empty,
                read.Number(documents[i].Weight, FieldPath.Member(path, "weight"), fallback, 0, TotalWeight)));
        }

        if (documents.Count > 1 && documents.All(d => d?.Weight is null or (>= 0 and <= TotalWeight)) && backends.Sum(b => b.Weight) != TotalWeight)
        {
            read.Errors.Add("backends", $"weights must sum to {TotalWeight} when there is more than one backend");
        }

        if (backends.Select(b => b.Service).Distinct(StringComparer.Ordinal).Count() != backends.Count)
        {
            read.Errors.Add("backends", "must not name a service twice");
        }

        return backends.MoveToImmutable();
    }

    private static MirrorSpec? ParseMirror(MirrorDocument? document, DocumentReader read)
    {
        if (document is null)
        {
            return null;
        }

        read.ServiceReference(document.Service, "mirror.service");
        if (document.Percent is null)
        {
            read.Errors.Add("mirror.percent", "is required");
        }

        return new MirrorSpec(document.Service ?? string.Empty, read.Number(document.Percent, "mirror.percent", 0, 1, 100));
    }

    private static MatchConditionDocument ConditionFrom(HeaderMatch match) =>
        new() { Name = match.Name, Values = match.Values, Mode = EnumNames<HeaderMatchMode>.Name(match.Mode) };
}
