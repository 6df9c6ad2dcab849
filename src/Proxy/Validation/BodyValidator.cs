using System.Collections.Frozen;
using System.Text.Json;
using Json.Schema;
using Mesh.Contracts.Routes;
using Mesh.Proxy.Forwarding;
using Microsoft.Net.Http.Headers;

namespace Mesh.Proxy.Validation;

/// <summary>
/// One route's body rules, compiled once per snapshot: the media types it accepts (415 otherwise) and its JSON Schema
/// (400 naming each failing JSON pointer otherwise). Requests without a body pass. A body to check is read whole, up to
/// <see cref="ValidateDocuments.MaxBodyBytes"/> (413 past it), then forwarded from memory. Refused bodies never reach
/// the upstream, so they never count against it.
/// </summary>
internal sealed class BodyValidator
{
    private static readonly EvaluationOptions ListErrors = new() { OutputFormat = OutputFormat.List };

    private readonly FrozenSet<string> _types;
    private readonly string[] _typeWildcards;
    private readonly JsonSchema? _schema;

    private BodyValidator(ValidateSpec spec)
    {
        _types = spec.ContentTypes.Where(t => !t.EndsWith("/*", StringComparison.Ordinal)).ToFrozenSet(StringComparer.OrdinalIgnoreCase);
        _typeWildcards = [.. spec.ContentTypes.Where(t => t.EndsWith("/*", StringComparison.Ordinal)).Select(t => t[..^1])];
        _schema = spec.JsonSchema is { } text ? ValidateDocuments.Compile(text).Schema : null;
    }

    public static BodyValidator? For(RouteSpec route) => route.Validate is { } spec ? new BodyValidator(spec) : null;

    /// <summary>Whether the body passes; a refusal is already answered; a client fault (gone, too slow, too much) is not.</summary>
    public async Task<(ValidationOutcome Outcome, ClientFault? Fault)> CheckAsync(HttpContext context, string routeId)
    {
        // Rules are about bodies: a GET or DELETE without one passes, as in Kong's request-validator.
        if (!RequestReplay.HasBody(context) || context.Request.ContentLength == 0)
        {
            return (ValidationOutcome.Admitted, null);
        }

        var mediaType = MediaTypeHeaderValue.TryParse(context.Request.ContentType, out var parsed) ? parsed.MediaType.ToString() : string.Empty;
        if (!Accepts(mediaType))
        {
            return await RefuseAsync(
                context,
                StatusCodes.Status415UnsupportedMediaType,
                "Unsupported media type",
                $"route '{routeId}' takes {(_types.Count + _typeWildcards.Length == 0 ? "JSON" : string.Join(", ", _types.Concat(_typeWildcards.Select(w => w + "*"))))}, not '{(mediaType.Length == 0 ? "none" : mediaType)}'");
        }

        if (_schema is null)
        {
            return (ValidationOutcome.Admitted, null);
        }

        if (context.Request.ContentLength > ValidateDocuments.MaxBodyBytes)
        {
            return await RefuseAsync(context, StatusCodes.Status413PayloadTooLarge, "Request body too large", $"route '{routeId}' validates bodies of at most {ValidateDocuments.MaxBodyBytes} bytes");
        }

        ArraySegment<byte> body;
        try
        {
            body = await ReadAsync(context);
        }
        catch (Exception e) when (ClientFault.OfBodyRead(e, context) is { } fault)
        {
            return (ValidationOutcome.ClientFault, fault);
        }

        if (body.Count > ValidateDocuments.MaxBodyBytes)
        {
            return await RefuseAsync(context, StatusCodes.Status413PayloadTooLarge, "Request body too large", $"route '{routeId}' validates bodies of at most {ValidateDocuments.MaxBodyBytes} bytes");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException e)
        {
            return await RefuseAsync(context, StatusCodes.Status400BadRequest, "The request body is not JSON", e.Message);
        }

        using (document)
        {
            var results = _schema.Evaluate(document.RootElement, ListErrors);
            if (!results.IsValid)
            {
                await WriteInvalidAsync(context, results);
                return (ValidationOutcome.Refused, null);
            }
        }

        context.Request.Body = new MemoryStream(body.Array!, body.Offset, body.Count, writable: false);
        context.Request.ContentLength = body.Count;
        return (ValidationOutcome.Admitted, null);
    }

    private bool Accepts(string mediaType)
    {
        if (_types.Count == 0 && _typeWildcards.Length == 0)
        {
            return _schema is null || mediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase) || mediaType.EndsWith("+json", StringComparison.OrdinalIgnoreCase);
        }

        return _types.Contains(mediaType) || _typeWildcards.Any(w => mediaType.StartsWith(w, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>
    /// Reads at most one chunk past the limit: enough to know the body is too large without holding more of it. The
    /// bytes read are checked and forwarded where they lie, not copied again.
    /// </summary>
    private static async Task<ArraySegment<byte>> ReadAsync(HttpContext context)
    {
        var buffer = new MemoryStream(context.Request.ContentLength is { } length ? (int)length : 4096);
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await context.Request.Body.ReadAsync(chunk, context.RequestAborted)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > ValidateDocuments.MaxBodyBytes)
            {
                break;
            }
        }

        return new ArraySegment<byte>(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    private static async Task<(ValidationOutcome, ClientFault?)> RefuseAsync(HttpContext context, int status, string title, string detail)
    {
        await ProblemResponses.WriteAsync(context, status, title, detail);
        return (ValidationOutcome.Refused, null);
    }

    /// <summary>A 400 whose <c>errors</c> are keyed by the JSON pointer of each failing part of the body.</summary>
    private static Task WriteInvalidAsync(HttpContext context, EvaluationResults results)
    {
        var errors = (results.Details ?? [])
            .Where(d => d.Errors is { Count: > 0 })
            .GroupBy(d => d.InstanceLocation.ToString())
            .ToDictionary(g => g.Key.Length == 0 ? "/" : g.Key, g => g.SelectMany(d => d.Errors!.Values).Distinct().ToArray(), StringComparer.Ordinal);
        if (errors.Count == 0 && results.Errors is { Count: > 0 } top)
        {
            errors["/"] = [.. top.Values];
        }

        if (GrpcErrors.IsGrpc(context.Request))
        {
            return ProblemResponses.WriteAsync(context, StatusCodes.Status400BadRequest, "The request body does not match the route's schema", string.Join("; ", errors.Select(e => $"{e.Key}: {string.Join(", ", e.Value)}")));
        }

        return Results.ValidationProblem(errors, title: "The request body does not match the route's schema", statusCode: StatusCodes.Status400BadRequest).ExecuteAsync(context);
    }
}

internal enum ValidationOutcome
{
    Admitted,

    /// <summary>Answered: 415, 413 or 400.</summary>
    Refused,

    /// <summary>The client went away, or sent its body too slowly or past the route's limit, while it was read.</summary>
    ClientFault,
}
