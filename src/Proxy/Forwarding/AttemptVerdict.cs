namespace Mesh.Proxy.Forwarding;

/// <summary>Whose doing an upstream attempt's end was: only <see cref="UpstreamFailed"/> may count against the service.</summary>
internal enum AttemptVerdict
{
    /// <summary>The upstream answered, with anything but a 5xx.</summary>
    Succeeded,

    /// <summary>The upstream could not be reached, timed out, reset, cut its response short, or answered 5xx.</summary>
    UpstreamFailed,

    /// <summary>
    /// Says nothing about the upstream: the client went away or sent a bad body, or the proxy refused or failed
    /// on its own. Moves no circuit, outlier count, retry or health state.
    /// </summary>
    NotCounted,
}
