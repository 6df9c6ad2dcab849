using System.Text.RegularExpressions;

namespace Mesh.Contracts.Validation;

/// <summary>
/// Checks a route path template as ASP.NET routing (and so YARP) reads it: literal segments and
/// <c>{name}</c>, <c>{name?}</c>, <c>{name:constraint}</c>, with <c>{*name}</c> or <c>{**name}</c> only last.
/// </summary>
public static partial class PathTemplate
{
    /// <summary>The inline constraints ASP.NET routing knows; any other name fails when YARP loads the route.</summary>
    private static readonly HashSet<string> KnownConstraints = new(StringComparer.OrdinalIgnoreCase)
    {
        "int", "bool", "datetime", "decimal", "double", "float", "guid", "long", "minlength", "maxlength",
        "length", "min", "max", "range", "alpha", "required", "nonfile", "file",
    };

    /// <summary>Null when the template is good, else why not.</summary>
    public static string? Check(string template)
    {
        if (!template.StartsWith('/'))
        {
            return "must start with '/'";
        }

        var segments = template[1..].Split('/');
        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < segments.Length; i++)
        {
            var segment = segments[i];
            if (segment.Length == 0)
            {
                if (i == segments.Length - 1)
                {
                    continue;
                }

                return "must not contain an empty segment ('//')";
            }

            if (!segment.Contains('{') && !segment.Contains('}'))
            {
                if (segment.Any(c => char.IsWhiteSpace(c) || c is '?' or '#'))
                {
                    return $"segment '{segment}' contains a character not allowed in a path";
                }

                continue;
            }

            var parameter = Parameter().Match(segment);
            if (!parameter.Success)
            {
                return $"segment '{segment}' must be a literal or one parameter such as '{{id}}' or '{{**rest}}'";
            }

            if (parameter.Groups["catchAll"].Success && i != segments.Length - 1)
            {
                return "a catch-all parameter ('{*x}' or '{**x}') may only be the last segment";
            }

            if (parameter.Groups["catchAll"].Success && parameter.Groups["optional"].Success)
            {
                return "a catch-all parameter ('{*x}' or '{**x}') cannot be optional";
            }

            var unknown = parameter.Groups["constraints"].Value.Split(':', StringSplitOptions.RemoveEmptyEntries)
                .Select(c => c.Split('(')[0])
                .FirstOrDefault(c => !KnownConstraints.Contains(c));
            if (unknown is not null)
            {
                return $"segment '{segment}' uses the unknown route constraint '{unknown}'";
            }

            if (!names.Add(parameter.Groups["name"].Value))
            {
                return $"parameter '{parameter.Groups["name"].Value}' appears twice";
            }
        }

        return null;
    }

    /// <summary>The route values a template that passed <see cref="Check"/> captures: <c>/orders/{id}/{**rest}</c> gives id, rest.</summary>
    public static IReadOnlyList<string> ParameterNames(string template) =>
        [.. template.Split('/').Select(segment => Parameter().Match(segment)).Where(m => m.Success).Select(m => m.Groups["name"].Value)];

    [GeneratedRegex(@"^\{(?<catchAll>\*{1,2})?(?<name>[A-Za-z_][A-Za-z0-9_-]*)(?<constraints>(:[A-Za-z0-9_()=,.]+)*)(?<optional>\?)?\}$")]
    private static partial Regex Parameter();
}
