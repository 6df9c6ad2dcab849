using Mesh.Contracts.Validation;

namespace Mesh.Contracts.Routes;

/// <summary>Maps between <see cref="FaultDocument"/> and <see cref="FaultSpec"/>.</summary>
public static class FaultDocuments
{
    public static readonly TimeSpan MaxDelay = TimeSpan.FromMinutes(1);

    public static FaultSpec? Parse(FaultDocument? document, ValidationErrors errors)
    {
        if (document is null)
        {
            return null;
        }

        if (document.Abort is null && document.Delay is null)
        {
            errors.Add("fault", "must have abort, delay, or both");
        }

        var abortPercent = 0d;
        var status = 503;
        if (document.Abort is { } abort)
        {
            abortPercent = Percent(abort.Percent, "fault.abort.percent", errors);
            status = abort.Status ?? 0;
            if (status is < 400 or > 599)
            {
                errors.Add("fault.abort.status", "is required and must be an HTTP error status between 400 and 599");
            }
        }

        var delayPercent = 0d;
        var delay = TimeSpan.Zero;
        if (document.Delay is { } delayed)
        {
            delayPercent = Percent(delayed.Percent, "fault.delay.percent", errors);
            if (delayed.Duration is null)
            {
                errors.Add("fault.delay.duration", "is required, such as \"200ms\"");
            }
            else if (new DocumentReader(errors).OptionalDuration(delayed.Duration, "fault.delay.duration") is { } parsed)
            {
                delay = parsed;
                if (delay > MaxDelay)
                {
                    errors.Add("fault.delay.duration", $"must be at most {Duration.Format(MaxDelay)}");
                }
            }
        }

        if (document.OnlyWithHeader is { } header && !HttpSyntax.IsToken(header))
        {
            errors.Add("fault.onlyWithHeader", "must be a header name");
        }

        return new FaultSpec(abortPercent, status, delayPercent, delay, document.OnlyWithHeader?.ToLowerInvariant());
    }

    public static FaultDocument From(FaultSpec spec) => new()
    {
        Abort = spec.AbortPercent > 0 ? new FaultAbortDocument { Percent = spec.AbortPercent, Status = spec.AbortStatus } : null,
        Delay = spec.DelayPercent > 0 ? new FaultDelayDocument { Percent = spec.DelayPercent, Duration = Duration.Format(spec.Delay) } : null,
        OnlyWithHeader = spec.OnlyWithHeader,
    };

    private static double Percent(double? percent, string field, ValidationErrors errors)
    {
        if (percent is not (> 0 and <= 100))
        {
            errors.Add(field, "is required and must be more than 0 and at most 100");
            return 0;
        }

        return percent.Value;
    }
}
