namespace Mesh.Proxy.RateLimiting;

/// <summary>Requests per second over roughly the last second, admitted or not: what a lease should cover.</summary>
internal sealed class DemandMeter(TimeProvider time)
{
    private static readonly long SlotTicks = TimeSpan.FromMilliseconds(250).Ticks;
    private const int Slots = 4;

    private readonly long[] _epoch = new long[Slots];
    private readonly int[] _counts = new int[Slots];

    public void Record()
    {
        var slotNumber = time.GetUtcNow().UtcTicks / SlotTicks;
        var slot = (int)(slotNumber % Slots);
        if (Volatile.Read(ref _epoch[slot]) != slotNumber)
        {
            Volatile.Write(ref _counts[slot], 0);
            Volatile.Write(ref _epoch[slot], slotNumber);
        }

        Interlocked.Increment(ref _counts[slot]);
    }

    public double PerSecond()
    {
        var now = time.GetUtcNow().UtcTicks / SlotTicks;
        var total = 0;
        for (var slot = 0; slot < Slots; slot++)
        {
            if (now - Volatile.Read(ref _epoch[slot]) < Slots)
            {
                total += Volatile.Read(ref _counts[slot]);
            }
        }

        return total * TimeSpan.TicksPerSecond / (double)(SlotTicks * Slots);
    }
}
