using System.Collections.Immutable;
using Mesh.Contracts.Validation;

namespace Mesh.Contracts.Authorization;

/// <summary>Maps between <see cref="AuthzPolicyDocument"/> and <see cref="AuthzPolicySpec"/>.</summary>
public static class AuthzPolicyDocuments
{
    public const string AnyCaller = "*";

    public static AuthzPolicySpec Parse(AuthzPolicyDocument document, ValidationErrors errors)
    {
        if (document.Allow is null)
        {
            errors.Add("allow", "is required (an empty list denies all mesh traffic)");
            return new AuthzPolicySpec([]);
        }

        var rules = ImmutableArray.CreateBuilder<AuthzRule>(document.Allow.Count);
        for (var i = 0; i < document.Allow.Count; i++)
        {
            var path = FieldPath.Index("allow", i);
            if (document.Allow[i] is not { } rule)
            {
                errors.Add(path, "must be an object");
                continue;
            }

            rules.Add(new AuthzRule(
                Callers(rule.From, FieldPath.Member(path, "from"), errors),
                Methods(rule.Methods, FieldPath.Member(path, "methods"), errors),
                Paths(rule.Paths, FieldPath.Member(path, "paths"), errors)));
        }

        return new AuthzPolicySpec(rules.ToImmutable());
    }

    public static AuthzPolicyDocument From(string service, AuthzPolicySpec spec) => new()
    {
        Service = service,
        Allow = spec.Allow.Select(r => new AuthzRuleDocument { From = r.From, Methods = r.Methods, Paths = r.Paths }).ToArray(),
    };

    private static ImmutableArray<string> Callers(IReadOnlyList<string>? from, string field, ValidationErrors errors)
    {
        if (from is null || from.Count == 0)
        {
            errors.Add(field, "must name at least one calling service, or \"*\"");
            return [];
        }

        for (var i = 0; i < from.Count; i++)
        {
            if (from[i] != AnyCaller && !ResourceNames.IsValidName(from[i]))
            {
                errors.Add(FieldPath.Index(field, i), ResourceNames.NameRule + ", or \"*\"");
            }
        }

        return [.. from.Distinct(StringComparer.Ordinal)];
    }

    private static ImmutableArray<string> Methods(IReadOnlyList<string>? methods, string field, ValidationErrors errors)
    {
        for (var i = 0; i < (methods?.Count ?? 0); i++)
        {
            if (!HttpSyntax.Methods.Contains(methods![i]?.ToUpperInvariant() ?? string.Empty))
            {
                errors.Add(FieldPath.Index(field, i), "must be an HTTP method such as GET or POST");
            }
        }

        return [.. (methods ?? []).Select(m => m?.ToUpperInvariant() ?? string.Empty).Distinct(StringComparer.Ordinal)];
    }

    private static ImmutableArray<string> Paths(IReadOnlyList<string>? paths, string field, ValidationErrors errors)
    {
        for (var i = 0; i < (paths?.Count ?? 0); i++)
        {
            var value = paths![i];
            if (value is null || !value.StartsWith('/') || value.Any(char.IsWhiteSpace) || value.IndexOf('*', StringComparison.Ordinal) is >= 0 and var star && star != value.Length - 1)
            {
                errors.Add(FieldPath.Index(field, i), "must be a path starting with '/', optionally ending in '*' for a prefix");
            }
        }

        return [.. (paths ?? []).Where(p => p is not null).Distinct(StringComparer.Ordinal)];
    }
}
