using Mesh.Proxy.Forwarding;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Yarp.ReverseProxy.Forwarder;

namespace Mesh.Proxy.Tests.Forwarding;

/// <summary>Whose doing each way an attempt can end is: the rules behind every circuit, outlier count and retry.</summary>
public sealed class AttemptOutcomeTests
{
    [Theory]
    [InlineData(200)]
    [InlineData(404)]
    [InlineData(499)]
    public void UpstreamAnswerBelow500_Succeeded(int status)
    {
        var outcome = AttemptOutcome.Classify(Context(status), ForwarderError.None, null);

        Assert.Equal(AttemptVerdict.Succeeded, outcome.Verdict);
    }

    [Fact]
    public void Upstream5xx_IsTheUpstreamsFailure()
    {
        var outcome = AttemptOutcome.Classify(Context(503), ForwarderError.None, null);

        Assert.Equal(AttemptVerdict.UpstreamFailed, outcome.Verdict);
        Assert.Null(outcome.Fault);
    }

    [Fact]
    public void HeldBackStatus_IsTheUpstreamsFailure_NamedByStatus()
    {
        var outcome = AttemptOutcome.Classify(Context(200), ForwarderError.None, 503);

        Assert.Equal((AttemptVerdict.UpstreamFailed, "status_503"), (outcome.Verdict, outcome.UpstreamErrorKind));
    }

    [Theory]
    [InlineData(ForwarderError.Request, "connect")]
    [InlineData(ForwarderError.RequestTimedOut, "timeout")]
    [InlineData(ForwarderError.ResponseBodyDestination, "response_body")]
    [InlineData(ForwarderError.RequestBodyDestination, "request_body")]
    [InlineData(ForwarderError.UpgradeResponseDestination, "upgrade")]
    public void UpstreamSideErrors_AreTheUpstreamsFailure(ForwarderError error, string kind)
    {
        var outcome = AttemptOutcome.Classify(Context(502), error, null);

        Assert.Equal((AttemptVerdict.UpstreamFailed, kind), (outcome.Verdict, outcome.UpstreamErrorKind));
    }

    [Theory]
    [InlineData(ForwarderError.RequestCanceled)]
    [InlineData(ForwarderError.RequestBodyCanceled)]
    [InlineData(ForwarderError.ResponseBodyClient)]
    [InlineData(ForwarderError.ResponseBodyCanceled)]
    [InlineData(ForwarderError.UpgradeRequestClient)]
    [InlineData(ForwarderError.UpgradeResponseClient)]
    public void ClientSideErrors_CountForNobody_AsAClientThatWentAway(ForwarderError error)
    {
        var outcome = AttemptOutcome.Classify(Context(200), error, null);

        Assert.Equal(AttemptVerdict.NotCounted, outcome.Verdict);
        Assert.Equal(ClientFault.ClientClosed, outcome.Fault);
    }

    [Theory]
    [InlineData(413, "request_too_large")]
    [InlineData(408, "request_body_timeout")]
    [InlineData(400, "request_body_invalid")]
    public void RequestBodyTheClientFailedToSend_CountsForNobody_ByKestrelsStatus(int status, string kind)
    {
        var outcome = AttemptOutcome.Classify(Context(status), ForwarderError.RequestBodyClient, null);

        Assert.Equal(AttemptVerdict.NotCounted, outcome.Verdict);
        Assert.Equal(kind, outcome.Fault?.Kind);
    }

    [Theory]
    [InlineData(ForwarderError.Request, null)]
    [InlineData(ForwarderError.RequestTimedOut, null)]
    [InlineData(ForwarderError.None, 503)]
    public void WhenTheClientHasGoneAway_NothingTheUpstreamDidMeanwhileCounts(ForwarderError error, int? heldBack)
    {
        var context = Context(502);
        using var aborted = new CancellationTokenSource();
        aborted.Cancel();
        context.RequestAborted = aborted.Token;

        var outcome = AttemptOutcome.Classify(context, error, heldBack);

        Assert.Equal(AttemptVerdict.NotCounted, outcome.Verdict);
        Assert.Equal(ClientFault.ClientClosed, outcome.Fault);
    }

    [Theory]
    [InlineData(ForwarderError.ResponseHeaders)]
    [InlineData(ForwarderError.RequestCreation)]
    [InlineData(ForwarderError.UpgradeActivityTimeout)]
    public void TheProxysOwnFailures_CountForNobody(ForwarderError error)
    {
        var outcome = AttemptOutcome.Classify(Context(502), error, null);

        Assert.Equal((AttemptVerdict.NotCounted, null), (outcome.Verdict, outcome.Fault));
    }

    private static DefaultHttpContext Context(int status)
    {
        var context = new DefaultHttpContext();
        context.Features.Set<IHttpResponseFeature>(new HttpResponseFeature { StatusCode = status });
        return context;
    }
}
