namespace Mesh.Proxy.ControlPlane;

/// <summary>Whether the last exchange with the control plane worked, for metrics and logs.</summary>
internal sealed class ControlPlaneStatus(TimeProvider time)
{
    private long _lastContactTicks;
    private int _connected;

    public bool IsConnected => Volatile.Read(ref _connected) == 1;

    public DateTimeOffset? LastContact => Volatile.Read(ref _lastContactTicks) is var ticks and > 0 ? new DateTimeOffset(ticks, TimeSpan.Zero) : null;

    /// <summary>Returns true when this is a change from disconnected.</summary>
    public bool MarkConnected()
    {
        Volatile.Write(ref _lastContactTicks, time.GetUtcNow().UtcTicks);
        return Interlocked.Exchange(ref _connected, 1) == 0;
    }

    /// <summary>Returns true when this is a change from connected.</summary>
    public bool MarkDisconnected() => Interlocked.Exchange(ref _connected, 0) == 1;
}
