using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;

namespace Mesh.Samples.Inventory;

internal static class StockApi
{
    public static IEndpointRouteBuilder MapStockApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/stock/{sku}", GetStock);
        return app;
    }

    private static StockLevel GetStock(string sku, [FromHeader(Name = MeshHeaders.Caller)] string? caller, IOptions<InventoryOptions> options) =>
        new(sku, Available(sku), caller, options.Value.Instance);

    /// <summary>A made-up stock level that is the same for a sku on every instance and in every run (FNV-1a of the sku).</summary>
    private static int Available(string sku)
    {
        var hash = 2166136261u;
        foreach (var c in sku)
        {
            hash = (hash ^ c) * 16777619u;
        }

        return (int)(hash % 100);
    }
}
