using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace Mesh.Silo.Admin.OpenApi;

/// <summary>
/// Each operation with the problem-details answers it can give and an example of its resource, so a reader of
/// the page needs no other document. The endpoints declare their own 404 and 409; what every call or every
/// body can meet (401; 400, 413, 415) is added here once.
/// </summary>
internal sealed class AdminOperationTransformer : IOpenApiOperationTransformer
{
    private const string ProblemJson = "application/problem+json";

    private static readonly Dictionary<string, string> Meanings = new(StringComparer.Ordinal)
    {
        ["400"] = "Refused: the errors object names each bad field (JSON path) and nothing was stored.",
        ["401"] = "A token is configured and the call did not present it (Authorization: Bearer, or a login session).",
        ["404"] = "The resource, or one the path names, does not exist.",
        ["409"] = "The resource is still used by others (the errors name them); nothing was changed.",
        ["413"] = "The body is larger than 1 MiB.",
        ["415"] = "The body is not of the media type the operation takes.",
    };

    public Task TransformAsync(OpenApiOperation operation, OpenApiOperationTransformerContext context, CancellationToken cancellationToken)
    {
        operation.Responses ??= new OpenApiResponses();
        Add(operation, "401", "ProblemDetails", context.Document);
        if (operation.RequestBody is not null)
        {
            Add(operation, "400", "HttpValidationProblemDetails", context.Document);
            Add(operation, "413", "ProblemDetails", context.Document);
            Add(operation, "415", "ProblemDetails", context.Document);
        }

        foreach (var (status, response) in operation.Responses)
        {
            if (Meanings.TryGetValue(status, out var meaning) && response is OpenApiResponse concrete)
            {
                concrete.Description = meaning;
            }
        }

        AdminApiExamples.Apply(operation);
        return Task.CompletedTask;
    }

    private static void Add(OpenApiOperation operation, string status, string schema, OpenApiDocument? document)
    {
        if (operation.Responses!.ContainsKey(status))
        {
            return;
        }

        operation.Responses[status] = new OpenApiResponse
        {
            Description = Meanings[status],
            Content = new Dictionary<string, OpenApiMediaType> { [ProblemJson] = new() { Schema = new OpenApiSchemaReference(schema, document) } },
        };
    }
}
