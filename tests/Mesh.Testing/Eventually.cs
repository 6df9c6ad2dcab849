namespace Mesh.Testing;

/// <summary>Polls until a condition holds or a deadline passes: the only way tests wait.</summary>
public static class Eventually
{
    public static readonly TimeSpan DefaultDeadline = TimeSpan.FromSeconds(30);

    public static async Task<T> ReturnsAsync<T>(Func<Task<T>> probe, Func<T, bool> accept, string what, TimeSpan? deadline = null)
    {
        var until = DateTime.UtcNow + (deadline ?? DefaultDeadline);
        T last;
        Exception? lastError = null;
        do
        {
            try
            {
                last = await probe();
                if (accept(last))
                {
                    return last;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
            {
                lastError = e;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100));
        }
        while (DateTime.UtcNow < until);

        throw new TimeoutException($"Timed out after {deadline ?? DefaultDeadline} waiting for {what}", lastError);
    }

    public static Task HoldsAsync(Func<Task<bool>> condition, string what, TimeSpan? deadline = null) =>
        ReturnsAsync(condition, ok => ok, what, deadline);
}
