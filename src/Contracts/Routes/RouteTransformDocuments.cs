using System.Collections.Immutable;
using Mesh.Contracts.Validation;

namespace Mesh.Contracts.Routes;

/// <summary>Maps between a route's <see cref="TransformDocument"/>s and <see cref="TransformSpec"/>s.</summary>
public static class RouteTransformDocuments
{
    public const string KindRule = "must have exactly one of pathRemovePrefix, pathPrefix, pathPattern, queryParameter, requestHeader, responseHeader";

    /// <param name="matchPath">The route's <c>match.path</c>: the route values a <c>pathPattern</c> may use.</param>
    public static ImmutableArray<TransformSpec> Parse(IReadOnlyList<TransformDocument>? documents, string? matchPath, ValidationErrors errors)
    {
        var routeValues = matchPath is not null && PathTemplate.Check(matchPath) is null ? PathTemplate.ParameterNames(matchPath) : [];
        var transforms = ImmutableArray.CreateBuilder<TransformSpec>();
        for (var i = 0; i < (documents?.Count ?? 0); i++)
        {
            if (documents![i] is null)
            {
                errors.Add(FieldPath.Index("transforms", i), "must be an object");
            }
            else if (ParseOne(documents[i], FieldPath.Index("transforms", i), routeValues, errors) is { } transform)
            {
                transforms.Add(transform);
            }
        }

        return transforms.ToImmutable();
    }

    public static TransformDocument From(TransformSpec transform) => transform.Kind switch
    {
        TransformKind.PathRemovePrefix => new TransformDocument { PathRemovePrefix = transform.Name },
        TransformKind.PathPrefix => new TransformDocument { PathPrefix = transform.Name },
        TransformKind.PathPattern => new TransformDocument { PathPattern = transform.Name },
        TransformKind.QueryParameterSet => new TransformDocument { QueryParameter = transform.Name, Set = transform.Value },
        TransformKind.QueryParameterRemove => new TransformDocument { QueryParameter = transform.Name, Remove = true },
        TransformKind.RequestHeaderSet => new TransformDocument { RequestHeader = transform.Name, Set = transform.Value },
        TransformKind.RequestHeaderRemove => new TransformDocument { RequestHeader = transform.Name, Remove = true },
        TransformKind.ResponseHeaderSet => new TransformDocument { ResponseHeader = transform.Name, Set = transform.Value },
        TransformKind.ResponseHeaderRemove => new TransformDocument { ResponseHeader = transform.Name, Remove = true },
        _ => throw new ArgumentOutOfRangeException(nameof(transform), transform.Kind, "unknown transform kind"),
    };

    private static TransformSpec? ParseOne(TransformDocument document, string path, IReadOnlyList<string> routeValues, ValidationErrors errors)
    {
        var kinds = new[] { document.PathRemovePrefix, document.PathPrefix, document.PathPattern, document.QueryParameter, document.RequestHeader, document.ResponseHeader }
            .Count(k => k is not null);
        if (kinds != 1)
        {
            errors.Add(path, KindRule);
            return null;
        }

        if ((document.PathRemovePrefix ?? document.PathPrefix) is { } prefix)
        {
            var field = FieldPath.Member(path, document.PathRemovePrefix is null ? "pathPrefix" : "pathRemovePrefix");
            if (!prefix.StartsWith('/') || prefix.Length < 2 || prefix.Any(char.IsWhiteSpace) || prefix.Contains('{'))
            {
                errors.Add(field, "must be a literal path starting with '/', such as \"/orders\"");
            }

            NoAction(document, path, errors);
            return new TransformSpec(document.PathRemovePrefix is null ? TransformKind.PathPrefix : TransformKind.PathRemovePrefix, prefix, null);
        }

        if (document.PathPattern is { } pattern)
        {
            CheckPattern(pattern, FieldPath.Member(path, "pathPattern"), routeValues, errors);
            NoAction(document, path, errors);
            return new TransformSpec(TransformKind.PathPattern, pattern, null);
        }

        if (document.QueryParameter is { } parameter)
        {
            if (parameter.Length == 0 || parameter.Any(c => char.IsWhiteSpace(c) || char.IsControl(c) || c is '&' or '=' or '#' or '?'))
            {
                errors.Add(FieldPath.Member(path, "queryParameter"), "must be a query parameter name (no spaces, '&', '=', '#' or '?')");
            }

            return Action(document, path, "query parameter", errors) switch
            {
                true => new TransformSpec(TransformKind.QueryParameterSet, parameter, document.Set),
                false => new TransformSpec(TransformKind.QueryParameterRemove, parameter, null),
                null => null,
            };
        }

        var request = document.RequestHeader is not null;
        var header = document.RequestHeader ?? document.ResponseHeader!;
        if (!HttpSyntax.IsToken(header))
        {
            errors.Add(FieldPath.Member(path, request ? "requestHeader" : "responseHeader"), "must be a header name");
        }

        return Action(document, path, "header", errors) switch
        {
            true => new TransformSpec(request ? TransformKind.RequestHeaderSet : TransformKind.ResponseHeaderSet, header, document.Set),
            false => new TransformSpec(request ? TransformKind.RequestHeaderRemove : TransformKind.ResponseHeaderRemove, header, null),
            null => null,
        };
    }

    /// <summary>True for set, false for remove, null (and an error) for neither or both.</summary>
    private static bool? Action(TransformDocument document, string path, string what, ValidationErrors errors)
    {
        if ((document.Set is null) == (document.Remove is not true))
        {
            errors.Add(path, $"a {what} transform needs exactly one of \"set\": \"value\" or \"remove\": true");
            return null;
        }

        return document.Set is not null;
    }

    private static void NoAction(TransformDocument document, string path, ValidationErrors errors)
    {
        if (document.Set is not null || document.Remove is not null)
        {
            errors.Add(path, "a path transform takes neither set nor remove");
        }
    }

    /// <summary>A pattern is a path template whose parameters are all values the route's own path captures.</summary>
    private static void CheckPattern(string pattern, string field, IReadOnlyList<string> routeValues, ValidationErrors errors)
    {
        if (PathTemplate.Check(pattern) is { } error)
        {
            errors.Add(field, error);
            return;
        }

        foreach (var name in PathTemplate.ParameterNames(pattern))
        {
            if (!routeValues.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                errors.Add(field, routeValues.Count == 0
                    ? $"uses the route value '{name}', but match.path captures none"
                    : $"uses the route value '{name}', which match.path does not capture (it captures {string.Join(", ", routeValues)})");
            }
        }
    }
}
