using System.Text.Json;
using System.Text.RegularExpressions;
using Mesh.Contracts.Configuration;
using Mesh.Contracts.Validation;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Mesh.Silo.Admin;

/// <summary>Reads a request body into a document, answering 400, 413 or 415 with problem details rather than throwing.</summary>
internal static partial class JsonBody
{
    private const string BodyField = "body";

    /// <summary>Reads a JSON body; with <paramref name="yaml"/>, a YAML body (application/yaml) as the same document.</summary>
    public static async Task<(T? Value, IResult? Problem)> ReadAsync<T>(HttpRequest request, bool yaml = false)
        where T : class
    {
        if (request.ContentLength > Hosting.SiloHosting.MaxRequestBodyBytes)
        {
            return (null, TooLarge());
        }

        var isYaml = yaml && request.ContentType is { } type && YamlJson.MediaTypes.Any(m => type.StartsWith(m, StringComparison.OrdinalIgnoreCase));
        if (request.ContentType is { } contentType && !request.HasJsonContentType() && !isYaml)
        {
            return (null, Results.Problem(
                statusCode: StatusCodes.Status415UnsupportedMediaType,
                title: "Unsupported media type",
                detail: $"the body must be {(yaml ? "application/json or application/yaml" : "application/json")}, not {contentType}"));
        }

        try
        {
            T? value;
            if (isYaml)
            {
                using var reader = new StreamReader(request.Body);
                var (json, error) = YamlJson.Convert(await reader.ReadToEndAsync(request.HttpContext.RequestAborted));
                if (error is not null)
                {
                    return (null, Invalid(BodyField, error));
                }

                value = JsonSerializer.Deserialize<T>(json!, AdminJson.Options);
            }
            else
            {
                value = await JsonSerializer.DeserializeAsync<T>(request.Body, AdminJson.Options, request.HttpContext.RequestAborted);
            }

            return value is null ? (null, Invalid(BodyField, "must be a JSON object")) : (value, null);
        }
        catch (BadHttpRequestException e) when (e.StatusCode == StatusCodes.Status413PayloadTooLarge)
        {
            return (null, TooLarge());
        }
        catch (JsonException e)
        {
            var (field, message) = Describe(e);
            return (null, Invalid(field, message));
        }
    }

    private static (string Field, string Message) Describe(JsonException e)
    {
        var path = e.Path is null or "$" ? string.Empty : e.Path.TrimStart('$').TrimStart('.');
        if (e.Message.Contains("could not be mapped", StringComparison.Ordinal) && QuotedName().Match(e.Message) is { Success: true } unknown)
        {
            var name = unknown.Groups["name"].Value;
            var field = path.EndsWith(name, StringComparison.Ordinal) ? path : FieldPath.Member(path, name);
            return (field, "is not a known field");
        }

        if (e.Message.Contains("could not be converted", StringComparison.Ordinal))
        {
            return (path.Length == 0 ? BodyField : path, "has the wrong type");
        }

        if (e.Message.Contains("Duplicate", StringComparison.OrdinalIgnoreCase))
        {
            return (path.Length == 0 ? BodyField : path, "appears more than once");
        }

        return (BodyField, $"is not valid JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1})");
    }

    private static IResult Invalid(string field, string message) =>
        AdminResults.Invalid(new Dictionary<string, string[]> { [field] = [message] });

    private static ProblemHttpResult TooLarge() => TypedResults.Problem(
        statusCode: StatusCodes.Status413PayloadTooLarge,
        title: "Request body too large",
        detail: $"the admin API accepts bodies of at most {Hosting.SiloHosting.MaxRequestBodyBytes} bytes");

    [GeneratedRegex("'(?<name>[^']+)'")]
    private static partial Regex QuotedName();
}
