using Mesh.Contracts.Circuits;
using Mesh.Contracts.Services;
using Mesh.Silo.Tests.Harness;

namespace Mesh.Silo.Tests.Circuits;

/// <summary>The circuit's arithmetic under a clock the test moves: window, opening, half-open probes, closing.</summary>
public sealed class CircuitBreakerGrainTests(MeshClusterFixture fixture) : IClassFixture<MeshClusterFixture>
{
    private static readonly CircuitBreakerSpec Spec = new(0.5, 10, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(15), 3);

    private async Task<ICircuitBreakerGrain> CircuitAsync(string service)
    {
        var circuit = fixture.Client.GetGrain<ICircuitBreakerGrain>(service);
        await circuit.ConfigureAsync(Spec);
        return circuit;
    }

    [Fact]
    public async Task Circuit_BelowMinimumThroughput_StaysClosedWhateverTheRatio()
    {
        var circuit = await CircuitAsync("cb-few");

        await circuit.ReportAsync(0, 9);

        Assert.Equal(CircuitState.Closed, (await circuit.GetStatusAsync()).State);
    }

    [Fact]
    public async Task Circuit_OpensWhenTheRatioExceedsTheSpecWithEnoughRequests()
    {
        var circuit = await CircuitAsync("cb-open");

        await circuit.ReportAsync(5, 5);
        var atRatio = (await circuit.GetStatusAsync()).State;
        await circuit.ReportAsync(0, 1);
        var status = await circuit.GetStatusAsync();

        Assert.Equal(CircuitState.Closed, atRatio);
        Assert.Equal(CircuitState.Open, status.State);
        Assert.Equal(status.Since + Spec.BreakDuration, status.RetryAt);
    }

    [Fact]
    public async Task Circuit_ForgetsOutcomesOlderThanTheWindow()
    {
        var circuit = await CircuitAsync("cb-window");

        await circuit.ReportAsync(0, 8);
        fixture.Time.Advance(Spec.Window + TimeSpan.FromSeconds(1));
        await circuit.ReportAsync(8, 3);

        var status = await circuit.GetStatusAsync();
        Assert.Equal(CircuitState.Closed, status.State);
        Assert.Equal(11, status.Requests);
    }

    [Fact]
    public async Task HalfOpen_GrantsExactlyTheSpecsProbesAndClosesWhenAllPass()
    {
        var circuit = await CircuitAsync("cb-recover");
        await circuit.ReportAsync(0, 20);

        Assert.False(await circuit.TryAcquireProbeAsync());
        fixture.Time.Advance(Spec.BreakDuration);
        var grants = new List<bool>();
        for (var i = 0; i < 5; i++)
        {
            grants.Add(await circuit.TryAcquireProbeAsync());
        }

        Assert.Equal([true, true, true, false, false], grants);
        Assert.Equal(CircuitState.HalfOpen, (await circuit.GetStatusAsync()).State);
        await circuit.ReportProbeAsync(true);
        await circuit.ReportProbeAsync(true);
        Assert.Equal(CircuitState.HalfOpen, (await circuit.GetStatusAsync()).State);
        await circuit.ReportProbeAsync(true);
        Assert.Equal(CircuitState.Closed, (await circuit.GetStatusAsync()).State);
    }

    [Fact]
    public async Task HalfOpen_AFailedProbeReopensForAnotherBreak()
    {
        var circuit = await CircuitAsync("cb-relapse");
        await circuit.ReportAsync(0, 20);
        fixture.Time.Advance(Spec.BreakDuration);
        Assert.True(await circuit.TryAcquireProbeAsync());

        await circuit.ReportProbeAsync(false);
        var reopened = await circuit.GetStatusAsync();

        Assert.Equal(CircuitState.Open, reopened.State);
        Assert.False(await circuit.TryAcquireProbeAsync());
        fixture.Time.Advance(Spec.BreakDuration);
        Assert.True(await circuit.TryAcquireProbeAsync());
    }

    [Fact]
    public async Task HalfOpen_WithoutTraffic_StaysHalfOpen_AndProbesUnansweredABreakAfterTheFirstGrant_Reopen()
    {
        var circuit = await CircuitAsync("cb-unanswered");
        await circuit.ReportAsync(0, 20);
        fixture.Time.Advance(Spec.BreakDuration);
        Assert.Equal(CircuitState.HalfOpen, (await circuit.GetStatusAsync()).State);

        fixture.Time.Advance(Spec.BreakDuration * 3);
        var idle = await circuit.GetStatusAsync();
        Assert.True(await circuit.TryAcquireProbeAsync());
        fixture.Time.Advance(Spec.BreakDuration - TimeSpan.FromMilliseconds(1));
        await circuit.ReportProbeAsync(true);
        var answeredInTime = await circuit.GetStatusAsync();
        Assert.True(await circuit.TryAcquireProbeAsync());
        fixture.Time.Advance(TimeSpan.FromMilliseconds(1));
        var unanswered = await circuit.GetStatusAsync();

        Assert.Equal(CircuitState.HalfOpen, idle.State);
        Assert.Equal(CircuitState.HalfOpen, answeredInTime.State);
        Assert.Equal(CircuitState.Open, unanswered.State);
    }

    [Fact]
    public async Task HalfOpen_AReleasedProbe_NeitherClosesNorReopens_AndLetsAnotherRequestProbe()
    {
        var circuit = await CircuitAsync("cb-released");
        await circuit.ReportAsync(0, 20);
        fixture.Time.Advance(Spec.BreakDuration);
        for (var i = 0; i < Spec.HalfOpenProbes; i++)
        {
            Assert.True(await circuit.TryAcquireProbeAsync());
        }

        Assert.False(await circuit.TryAcquireProbeAsync());
        await circuit.ReleaseProbeAsync();
        var afterRelease = await circuit.GetStatusAsync();
        var again = await circuit.TryAcquireProbeAsync();

        Assert.Equal(CircuitState.HalfOpen, afterRelease.State);
        Assert.True(again);
        Assert.False(await circuit.TryAcquireProbeAsync());
    }

    [Fact]
    public async Task Reset_ClosesAnOpenCircuit()
    {
        var circuit = await CircuitAsync("cb-reset");
        await circuit.ReportAsync(0, 20);

        var status = await circuit.ResetAsync();

        Assert.Equal(CircuitState.Closed, status.State);
        Assert.Equal(0, status.Requests);
    }

    [Fact]
    public async Task Observer_HearsEveryTransition()
    {
        var circuit = await CircuitAsync("cb-watched");
        var watcher = new RecordingCircuitObserver();
        var reference = fixture.Client.CreateObjectReference<ICircuitObserver>(watcher);
        await circuit.SubscribeAsync(reference);
        Assert.Equal(CircuitState.Closed, (await watcher.NextAsync()).State);

        await circuit.ReportAsync(0, 20);

        Assert.Equal(CircuitState.Open, (await watcher.NextAsync()).State);
        fixture.Client.DeleteObjectReference<ICircuitObserver>(reference);
    }
}
