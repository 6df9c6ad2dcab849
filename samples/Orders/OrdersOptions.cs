namespace Mesh.Samples.Orders;

/// <summary>Settings under <c>Sample</c>.</summary>
internal sealed class OrdersOptions
{
    public const string Section = "Sample";

    /// <summary>
    /// <c>Sample:Outbound</c>: the local sidecar's outbound listener. Inventory is called as
    /// <c>{Outbound}/inventory/stock/{sku}</c>; the sidecar strips <c>/inventory</c> and calls it over mTLS.
    /// </summary>
    public Uri Outbound { get; set; } = new("http://127.0.0.1:15001");

    public static bool IsValid(OrdersOptions options) =>
        options.Outbound is { IsAbsoluteUri: true } outbound && (outbound.Scheme == Uri.UriSchemeHttp || outbound.Scheme == Uri.UriSchemeHttps);
}
