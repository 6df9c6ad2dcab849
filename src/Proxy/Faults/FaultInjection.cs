using Mesh.Contracts.Routes;
using Mesh.Proxy.Forwarding;
using Mesh.Proxy.Telemetry;

namespace Mesh.Proxy.Faults;

/// <summary>
/// A route's injected faults, before any upstream is chosen: a delay holds the request, an abort answers it with the
/// route's status. Either way the response says so (<c>x-mesh-fault</c>), and nothing reaches an upstream that could
/// count against it: an injected fault is the operator's doing, never the service's.
/// </summary>
internal sealed class FaultInjection(ProxyMetrics metrics, TimeProvider time)
{
    public const string Header = "x-mesh-fault";

    public async Task<FaultOutcome> ApplyAsync(HttpContext context, FaultSpec fault, string routeId)
    {
        if (fault.OnlyWithHeader is { } header && !context.Request.Headers.ContainsKey(header))
        {
            return FaultOutcome.None;
        }

        if (fault.DelayPercent > 0 && Roll(fault.DelayPercent))
        {
            metrics.FaultInjected(routeId, "delay");
            context.Response.Headers.Append(Header, "delay");
            try
            {
                await Task.Delay(fault.Delay, time, context.RequestAborted);
            }
            catch (OperationCanceledException) when (context.RequestAborted.IsCancellationRequested)
            {
                return FaultOutcome.ClientGone;
            }
        }

        if (fault.AbortPercent > 0 && Roll(fault.AbortPercent))
        {
            metrics.FaultInjected(routeId, "abort");
            context.Response.Headers.Append(Header, "abort");
            await ProblemResponses.WriteAsync(context, fault.AbortStatus, "Fault injected", $"route '{routeId}' aborts {fault.AbortPercent}% of its requests");
            return FaultOutcome.Answered;
        }

        return FaultOutcome.None;
    }

    private static bool Roll(double percent) => percent >= 100 || Random.Shared.NextDouble() * 100 < percent;
}

internal enum FaultOutcome
{
    /// <summary>Forward the request (after any delay).</summary>
    None,

    /// <summary>The fault answered the request.</summary>
    Answered,

    /// <summary>The client hung up during an injected delay.</summary>
    ClientGone,
}
