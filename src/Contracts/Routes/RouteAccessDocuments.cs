using System.Collections.Immutable;
using Mesh.Contracts.Consumers;
using Mesh.Contracts.Validation;

namespace Mesh.Contracts.Routes;

/// <summary>Reads who may call a route: its JWT providers and its allow list.</summary>
public static class RouteAccessDocuments
{
    public static ImmutableArray<string> ParseJwtProviders(IReadOnlyList<string>? providers, AuthMode auth, ValidationErrors errors)
    {
        if (providers is null || providers.Count == 0)
        {
            return [];
        }

        if (auth is not (AuthMode.Jwt or AuthMode.ApiKeyOrJwt))
        {
            errors.Add("jwtProviders", "only routes with auth jwt or apiKeyOrJwt take JWT providers");
        }

        for (var i = 0; i < providers.Count; i++)
        {
            if (!ResourceNames.IsValidName(providers[i]))
            {
                errors.Add(FieldPath.Index("jwtProviders", i), ResourceNames.NameRule);
            }
        }

        return [.. providers.Where(ResourceNames.IsValidName).Distinct(StringComparer.Ordinal)];
    }

    public static RouteAllow? ParseAllow(AllowDocument? document, AuthMode auth, ValidationErrors errors)
    {
        if (document is null)
        {
            return null;
        }

        if (auth == AuthMode.None)
        {
            errors.Add("allow", "needs auth apiKey, jwt or apiKeyOrJwt: an anonymous caller cannot be on an allow list");
        }

        var consumers = document.Consumers ?? [];
        var groups = document.Groups ?? [];
        if (consumers.Count == 0 && groups.Count == 0)
        {
            errors.Add("allow", "must name consumers, groups, or both");
        }

        for (var i = 0; i < consumers.Count; i++)
        {
            if (!ResourceNames.IsValidName(consumers[i]))
            {
                errors.Add(FieldPath.Index("allow.consumers", i), ResourceNames.NameRule);
            }
        }

        for (var i = 0; i < groups.Count; i++)
        {
            if (!ConsumerDocuments.IsGroup(groups[i]))
            {
                errors.Add(FieldPath.Index("allow.groups", i), ConsumerDocuments.GroupRule);
            }
        }

        return new RouteAllow(
            [.. consumers.Where(ResourceNames.IsValidName).Distinct(StringComparer.Ordinal)],
            [.. groups.Where(ConsumerDocuments.IsGroup).Distinct(StringComparer.Ordinal)]);
    }
}
