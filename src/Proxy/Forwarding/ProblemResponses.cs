namespace Mesh.Proxy.Forwarding;

/// <summary>The proxy's own error answers: problem details (gRPC errors to gRPC calls), no stack traces.</summary>
internal static class ProblemResponses
{
    public static Task WriteAsync(HttpContext context, int status, string title, string? detail = null)
    {
        if (context.Response.HasStarted || context.RequestAborted.IsCancellationRequested)
        {
            return Task.CompletedTask;
        }

        if (GrpcErrors.IsGrpc(context.Request))
        {
            return GrpcErrors.WriteAsync(context, status, detail is null ? title : $"{title}: {detail}");
        }

        context.Response.StatusCode = status;
        return Results.Problem(statusCode: status, title: title, detail: detail).ExecuteAsync(context);
    }

    /// <summary>The client's own doing, answered as such; a client that went away gets nothing.</summary>
    public static Task WriteClientFaultAsync(HttpContext context, ClientFault fault, string where, long? limit) => fault.Title is { } title
        ? WriteAsync(context, fault.Status, title, fault.Describe(where, limit))
        : Task.CompletedTask;
}
