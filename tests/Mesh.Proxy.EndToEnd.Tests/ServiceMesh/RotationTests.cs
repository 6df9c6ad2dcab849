using Mesh.Testing;

namespace Mesh.Proxy.EndToEnd.Tests.ServiceMesh;

[Collection(MeshCollection.Name)]
public sealed class RotationTests(MeshFixture mesh)
{
    private static readonly TimeSpan TrafficTime = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task TenSecondCertificates_RotateUnderThirtySecondsOfSteadyTraffic_WithoutOneFailedRequest()
    {
        var seen = new Dictionary<string, HashSet<string>> { ["orders"] = [], ["inventory"] = [] };
        await using var traffic = SteadyTraffic.Start(mesh.Edge.Http, "/orders/5", workers: 2);
        var until = DateTime.UtcNow + TrafficTime;
        while (DateTime.UtcNow < until)
        {
            foreach (var (service, serials) in seen)
            {
                using var response = await mesh.Admin.GetAsync($"/api/v1/identities/{service}/certificates");
                foreach (var certificate in (await response.ReadJsonAsync()).AsArray())
                {
                    serials.Add((string)certificate!["serial"]!);
                }
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500));
        }

        await traffic.StopAsync();

        Assert.Empty(traffic.Failures);
        Assert.True(traffic.Sent > 100, $"only {traffic.Sent} requests were sent");

        // 10 s certificates renewed at half life: about six each in 30 s; four proves rotation under way.
        Assert.All(seen, s => Assert.True(s.Value.Count >= 4, $"{s.Key} held {s.Value.Count} certificates in {TrafficTime}"));
    }
}
