using Mesh.Proxy.Forwarding;
using Microsoft.AspNetCore.Http;

namespace Mesh.Proxy.Tests.Forwarding;

public sealed class GrpcErrorsTests
{
    [Theory]
    [InlineData(StatusCodes.Status503ServiceUnavailable, 14)]
    [InlineData(StatusCodes.Status502BadGateway, 14)]
    [InlineData(StatusCodes.Status504GatewayTimeout, 4)]
    [InlineData(StatusCodes.Status429TooManyRequests, 8)]
    [InlineData(StatusCodes.Status413PayloadTooLarge, 8)]
    [InlineData(StatusCodes.Status403Forbidden, 7)]
    [InlineData(StatusCodes.Status401Unauthorized, 16)]
    [InlineData(StatusCodes.Status404NotFound, 12)]
    [InlineData(StatusCodes.Status400BadRequest, 3)]
    [InlineData(StatusCodes.Status500InternalServerError, 13)]
    public void CodeFor_MapsTheProxysOwnStatusesAsTheContractSays(int status, int code) => Assert.Equal(code, GrpcErrors.CodeFor(status));

    [Fact]
    public async Task WriteAsync_IsATrailersOnlyAnswer_WithThePercentEncodedMessage()
    {
        var context = new DefaultHttpContext();
        context.Request.ContentType = "application/grpc+proto";

        await GrpcErrors.WriteAsync(context, StatusCodes.Status503ServiceUnavailable, "No available endpoint: service 'é' 100%");

        Assert.True(GrpcErrors.IsGrpc(context.Request));
        Assert.Equal(StatusCodes.Status200OK, context.Response.StatusCode);
        Assert.Equal("application/grpc", context.Response.ContentType);
        Assert.Equal("14", context.Response.Headers[GrpcErrors.Status]);
        Assert.Equal("No available endpoint: service '%C3%A9' 100%25", context.Response.Headers[GrpcErrors.Message]);
    }
}
