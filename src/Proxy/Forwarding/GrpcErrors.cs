using System.Text;

namespace Mesh.Proxy.Forwarding;

/// <summary>
/// The proxy's own refusals of a gRPC call, as gRPC clients read them: a trailers-only response (HTTP 200,
/// <c>grpc-status</c> and <c>grpc-message</c> in the headers, no body), so a client sees UNAVAILABLE rather than a
/// protocol error about a JSON body.
/// </summary>
internal static class GrpcErrors
{
    public const string Status = "grpc-status";
    public const string Message = "grpc-message";

    public static bool IsGrpc(HttpRequest request) =>
        request.ContentType is { } type && type.StartsWith("application/grpc", StringComparison.OrdinalIgnoreCase);

    /// <summary>The gRPC code for a status the proxy answers with (the mapping Envoy uses where gRPC's own is silent).</summary>
    public static int CodeFor(int httpStatus) => httpStatus switch
    {
        StatusCodes.Status400BadRequest => 3, // INVALID_ARGUMENT
        StatusCodes.Status401Unauthorized => 16, // UNAUTHENTICATED
        StatusCodes.Status403Forbidden => 7, // PERMISSION_DENIED
        StatusCodes.Status404NotFound => 12, // UNIMPLEMENTED
        StatusCodes.Status413PayloadTooLarge => 8, // RESOURCE_EXHAUSTED
        StatusCodes.Status429TooManyRequests => 8, // RESOURCE_EXHAUSTED
        StatusCodes.Status504GatewayTimeout => 4, // DEADLINE_EXCEEDED
        StatusCodes.Status502BadGateway or StatusCodes.Status503ServiceUnavailable => 14, // UNAVAILABLE
        _ => 13, // INTERNAL
    };

    /// <summary>The HTTP status the proxy meant by the gRPC error it wrote, if it wrote one: what its metrics count, not the 200 gRPC needs.</summary>
    public static int? RefusalStatus(HttpContext context) => context.Features.Get<Refusal>()?.Status;

    public static Task WriteAsync(HttpContext context, int httpStatus, string message)
    {
        context.Features.Set(new Refusal(httpStatus));
        var response = context.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/grpc";
        response.Headers[Status] = CodeFor(httpStatus).ToString(System.Globalization.CultureInfo.InvariantCulture);
        response.Headers[Message] = PercentEncode(message);
        return response.CompleteAsync();
    }

    /// <summary>gRPC's own encoding of <c>grpc-message</c>: UTF-8, with bytes outside printable ASCII and '%' as %XX.</summary>
    private static string PercentEncode(string message)
    {
        var bytes = Encoding.UTF8.GetBytes(message);
        var encoded = new StringBuilder(bytes.Length);
        foreach (var b in bytes)
        {
            if (b is >= 0x20 and <= 0x7E and not (byte)'%')
            {
                encoded.Append((char)b);
            }
            else
            {
                encoded.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return encoded.ToString();
    }

    private sealed record Refusal(int Status);
}
