using Microsoft.AspNetCore.Mvc;

namespace Mesh.Samples.Orders;

internal static class OrdersApi
{
    public static IEndpointRouteBuilder MapOrdersApi(this IEndpointRouteBuilder app)
    {
        app.MapGet("/orders/{id}", GetOrderAsync);
        return app;
    }

    private static async Task<IResult> GetOrderAsync(
        string id,
        [FromHeader(Name = MeshHeaders.Caller)] string? caller,
        InventoryClient inventory,
        CancellationToken cancellationToken)
    {
        var answer = await inventory.GetStockAsync($"sku-{id}", cancellationToken);
        if (answer.Stock is { } stock)
        {
            return TypedResults.Ok(new OrderView(id, caller, stock));
        }

        var extensions = new Dictionary<string, object?>(StringComparer.Ordinal);
        if (answer.Body is not null)
        {
            extensions["inventoryBody"] = answer.Body;
        }

        return TypedResults.Problem(
            statusCode: StatusCodes.Status502BadGateway,
            title: "inventory did not give the stock of this order",
            detail: answer.Failure,
            extensions: extensions);
    }
}
