using System.Diagnostics;
using System.Net;
using Mesh.Proxy.Telemetry;
using Microsoft.AspNetCore.Http;

namespace Mesh.Proxy.Tests.Telemetry;

public sealed class RequestRecordMiddlewareTests
{
    [Fact]
    public async Task WithOnlySinksThatReadNoDetail_TheRecordCarriesNoClientAddressTraceIdOrOutcome()
    {
        var figures = new RecordingSink(readsDetail: false);

        await RunAsync(figures);

        var record = Assert.Single(figures.Records);
        Assert.Equal(429, record.Status);
        Assert.Null(record.Client);
        Assert.Null(record.TraceId);
        Assert.Null(record.Cache);
        Assert.Null(record.RateLimit);
    }

    [Fact]
    public async Task WithASinkThatReadsDetail_EverySinkGetsTheClientAddressTraceIdAndOutcomes()
    {
        var figures = new RecordingSink(readsDetail: false);
        var log = new RecordingSink(readsDetail: true);

        await RunAsync(figures, log);

        var record = Assert.Single(log.Records);
        Assert.Same(record, Assert.Single(figures.Records));
        Assert.Equal("192.0.2.7", record.Client);
        Assert.Equal(32, record.TraceId?.Length);
        Assert.Equal("hit", record.Cache);
        Assert.Equal("refused", record.RateLimit);
    }

    private static async Task RunAsync(params RecordingSink[] sinks)
    {
        var middleware = new RequestRecordMiddleware(sinks, TimeProvider.System);
        var context = new DefaultHttpContext();
        context.Connection.RemoteIpAddress = IPAddress.Parse("192.0.2.7");
        using var activity = new Activity("request").SetIdFormat(ActivityIdFormat.W3C).Start();
        await middleware.InvokeAsync(context, http =>
        {
            http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
            http.Response.Headers["RateLimit-Policy"] = "10;w=1";
            http.Response.Headers[Mesh.Proxy.Caching.CacheOutcome.Header] = "hit";
            return Task.CompletedTask;
        });
    }

    private sealed class RecordingSink(bool readsDetail) : IRequestRecordSink
    {
        public List<RequestRecord> Records { get; } = [];

        public bool Enabled => true;

        public bool ReadsDetail { get; } = readsDetail;

        public void Add(RequestRecord record) => Records.Add(record);
    }
}
