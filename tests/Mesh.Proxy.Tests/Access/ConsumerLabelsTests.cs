using Mesh.Proxy.Telemetry;

namespace Mesh.Proxy.Tests.Access;

public sealed class ConsumerLabelsTests
{
    [Fact]
    public void TheFirstHundredConsumersAreNamed_EveryLaterOneIsOther_AndAnonymousIsADash()
    {
        var labels = new ConsumerLabels();

        var first = Enumerable.Range(0, ConsumerLabels.Limit).Select(i => labels.For($"c{i}")).ToArray();
        var later = labels.For("late-comer");

        Assert.Equal(Enumerable.Range(0, ConsumerLabels.Limit).Select(i => $"c{i}"), first);
        Assert.Equal(ConsumerLabels.Other, later);
        Assert.Equal("c7", labels.For("c7"));
        Assert.Equal(ConsumerLabels.Anonymous, labels.For(null));
    }
}
