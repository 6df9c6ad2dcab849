using Mesh.Proxy.Forwarding;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Time.Testing;

namespace Mesh.Proxy.Tests.Forwarding;

/// <summary>
/// A client that hangs up mid-upload first shows as an unreadable body (Kestrel's 400) and only a moment later as
/// an aborted request: the fault must be counted as the hang-up it is.
/// </summary>
public sealed class ClientFaultSettlingTests
{
    private readonly FakeTimeProvider _time = new();

    [Fact]
    public async Task UnreadableBody_WhoseClientHangsUpWhileSettling_IsCountedAsClientClosed()
    {
        using var aborted = new CancellationTokenSource();
        var settling = ClientFault.SettleAsync(ClientFault.RequestBodyInvalid, Context(aborted.Token), _time);

        await aborted.CancelAsync();

        Assert.Same(ClientFault.ClientClosed, await settling);
    }

    [Fact]
    public async Task UnreadableBody_WhoseClientStays_IsStillUnreadable_OnceTheSettleTimeHasPassed()
    {
        using var aborted = new CancellationTokenSource();
        var settling = ClientFault.SettleAsync(ClientFault.RequestBodyInvalid, Context(aborted.Token), _time);

        _time.Advance(ClientFault.HangUpSettleTime - TimeSpan.FromMilliseconds(1));
        Assert.False(settling.IsCompleted);
        _time.Advance(TimeSpan.FromMilliseconds(1));

        Assert.Same(ClientFault.RequestBodyInvalid, await settling);
    }

    [Fact]
    public async Task AnUnreadableBodyOfAnAlreadyAbortedRequest_IsClientClosed_AtOnce()
    {
        var settling = ClientFault.SettleAsync(ClientFault.RequestBodyInvalid, Context(new CancellationToken(canceled: true)), _time);

        Assert.True(settling.IsCompleted);
        Assert.Same(ClientFault.ClientClosed, await settling);
    }

    [Theory]
    [MemberData(nameof(FinalFaults))]
    public async Task EveryOtherFault_IsFinal_WithoutWaiting(string kind)
    {
        var fault = new[] { ClientFault.RequestTooLarge, ClientFault.RequestBodyTimeout, ClientFault.ClientClosed, ClientFault.DeadlineExceeded }.Single(f => f.Kind == kind);

        var settling = ClientFault.SettleAsync(fault, Context(CancellationToken.None), _time);

        Assert.True(settling.IsCompleted);
        Assert.Same(fault, await settling);
    }

    public static TheoryData<string> FinalFaults() => new("request_too_large", "request_body_timeout", "client_closed", "client_deadline");

    private static DefaultHttpContext Context(CancellationToken aborted) => new() { RequestAborted = aborted };
}
