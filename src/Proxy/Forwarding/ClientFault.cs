using Microsoft.AspNetCore.Connections;

namespace Mesh.Proxy.Forwarding;

/// <summary>
/// Something the client did that ended its request: counted in metrics under <see cref="Kind"/> with
/// <see cref="Status"/> (499 for a client that went away, as nginx logs it), never against the upstream.
/// </summary>
internal sealed record ClientFault(string Kind, int Status, string? Title)
{
    public const int ClientClosedStatus = 499;

    public static ClientFault ClientClosed { get; } = new("client_closed", ClientClosedStatus, null);

    public static ClientFault RequestTooLarge { get; } = new("request_too_large", StatusCodes.Status413PayloadTooLarge, "Request body too large");

    public static ClientFault RequestBodyTimeout { get; } = new("request_body_timeout", StatusCodes.Status408RequestTimeout, "Request body too slow");

    public static ClientFault RequestBodyInvalid { get; } = new("request_body_invalid", StatusCodes.Status400BadRequest, "Request body could not be read");

    /// <summary>A gRPC call's own <c>grpc-timeout</c>, shorter than the route's or service's, ran out first.</summary>
    public static ClientFault DeadlineExceeded { get; } = new("client_deadline", StatusCodes.Status504GatewayTimeout, "Deadline exceeded");

    /// <summary>The detail of the answer, when there is one to give: what was refused and where.</summary>
    public string Describe(string where, long? limit) => Status switch
    {
        StatusCodes.Status413PayloadTooLarge when limit is { } bytes => $"{where} accepts request bodies of at most {bytes} bytes",
        StatusCodes.Status413PayloadTooLarge => $"{where} refused a request body that large",
        StatusCodes.Status408RequestTimeout => $"the request body arrived at {where} too slowly",
        StatusCodes.Status504GatewayTimeout => $"the call's grpc-timeout ran out before {where} had an answer",
        _ => $"the request body sent to {where} could not be read",
    };

    /// <summary>From the status Kestrel gave a failed read of the request body (YARP carries it over).</summary>
    public static ClientFault OfBodyStatus(int status) => status switch
    {
        StatusCodes.Status413PayloadTooLarge => RequestTooLarge,
        StatusCodes.Status408RequestTimeout => RequestBodyTimeout,
        _ => RequestBodyInvalid,
    };

    /// <summary>
    /// How long a fault first seen as an unreadable body waits for the client's hang-up to show. A client that
    /// closes mid-upload ends the body early; Kestrel rejects the read with a 400 and only then queues
    /// <see cref="HttpContext.RequestAborted"/> on the thread pool, so on a busy box the token can still be
    /// unset when the fault is named.
    /// </summary>
    public static readonly TimeSpan HangUpSettleTime = TimeSpan.FromMilliseconds(250);

    /// <summary>
    /// The fault as it stands once the request is over: an unreadable body whose client went away is the client
    /// having closed. Only <see cref="RequestBodyInvalid"/> waits; every other fault is final as named.
    /// </summary>
    public static async ValueTask<ClientFault> SettleAsync(ClientFault fault, HttpContext context, TimeProvider time)
    {
        if (!ReferenceEquals(fault, RequestBodyInvalid))
        {
            return fault;
        }

        try
        {
            await Task.Delay(HangUpSettleTime, time, context.RequestAborted);
            return fault;
        }
        catch (OperationCanceledException)
        {
            return ClientClosed;
        }
    }

    /// <summary>What an exception from reading the request body means, or null when it is not the client's doing.</summary>
    public static ClientFault? OfBodyRead(Exception exception, HttpContext context) => exception switch
    {
        _ when context.RequestAborted.IsCancellationRequested => ClientClosed,
        BadHttpRequestException bad => OfBodyStatus(bad.StatusCode),
        ConnectionResetException or IOException or OperationCanceledException => ClientClosed,
        _ => null,
    };
}
