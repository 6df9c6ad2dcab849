using System.Text.Json;
using Json.Schema;
using Mesh.Contracts.Validation;

namespace Mesh.Contracts.Routes;

/// <summary>Maps between <see cref="ValidateDocument"/> and <see cref="ValidateSpec"/>; a schema is compiled here once to be known good.</summary>
public static class ValidateDocuments
{
    /// <summary>Bodies a validating route reads whole before deciding; larger ones are refused (413), never buffered without bound.</summary>
    public const int MaxBodyBytes = 1024 * 1024;

    public static ValidateSpec? Parse(ValidateDocument? document, ValidationErrors errors)
    {
        if (document is null)
        {
            return null;
        }

        var types = document.ContentTypes ?? [];
        if (types.Count == 0 && document.JsonSchema is null)
        {
            errors.Add("validate", "must name contentTypes, a jsonSchema, or both");
        }

        for (var i = 0; i < types.Count; i++)
        {
            if (!IsMediaType(types[i]))
            {
                errors.Add(FieldPath.Index("validate.contentTypes", i), "must be a media type such as application/json (type/* allowed, no parameters)");
            }
        }

        string? schema = null;
        if (document.JsonSchema is { } element)
        {
            if (element.ValueKind is not (JsonValueKind.Object or JsonValueKind.True or JsonValueKind.False))
            {
                errors.Add("validate.jsonSchema", "must be a JSON Schema: an object (or true/false)");
            }
            else if (Compile(element.GetRawText()).Error is { } error)
            {
                errors.Add("validate.jsonSchema", error);
            }
            else
            {
                schema = JsonSerializer.Serialize(element);
            }
        }

        return new ValidateSpec([.. types.Where(IsMediaType).Select(t => t.ToLowerInvariant()).Distinct(StringComparer.Ordinal)], schema);
    }

    public static ValidateDocument From(ValidateSpec spec) => new()
    {
        ContentTypes = spec.ContentTypes.IsEmpty ? null : spec.ContentTypes,
        JsonSchema = spec.JsonSchema is { } schema ? JsonElement.Parse(schema) : null,
    };

    /// <summary>The schema built on its own registry (two routes' schemas never clash by <c>$id</c>), or why it is not one.</summary>
    public static (JsonSchema? Schema, string? Error) Compile(string text)
    {
        try
        {
            return (JsonSchema.FromText(text, new BuildOptions { SchemaRegistry = new SchemaRegistry() }), null);
        }
        catch (Exception e) when (e is JsonSchemaException or JsonException or RefResolutionException or ArgumentException or InvalidOperationException)
        {
            return (null, $"is not a valid JSON Schema: {e.Message}");
        }
    }

    private static bool IsMediaType(string? text)
    {
        if (text is null)
        {
            return false;
        }

        var slash = text.IndexOf('/', StringComparison.Ordinal);
        return slash > 0 && HttpSyntax.IsToken(text[..slash]) && (text[(slash + 1)..] == "*" || HttpSyntax.IsToken(text[(slash + 1)..]));
    }
}
