namespace Mesh.Proxy.EndToEnd.Tests.Harness;

/// <summary>Many requests through a proxy, a few at a time, with every outcome kept in order.</summary>
public static class Burst
{
    public static async Task<IReadOnlyList<Served>> SendAsync(HttpClient http, int count, int concurrency, Func<int, HttpRequestMessage> request)
    {
        var results = new Served[count];
        var next = -1;
        var workers = Enumerable.Range(0, concurrency).Select(_ => Task.Run(async () =>
        {
            int i;
            while ((i = Interlocked.Increment(ref next)) < count)
            {
                using var message = request(i);
                using var response = await http.SendAsync(message);
                results[i] = await Served.ReadAsync(response);
            }
        }));
        await Task.WhenAll(workers);
        return results;
    }

    public static Task<IReadOnlyList<Served>> GetAsync(HttpClient http, string path, int count, int concurrency = 1) =>
        SendAsync(http, count, concurrency, _ => ProxyRequest.Get(path));
}
