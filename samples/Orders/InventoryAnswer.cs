using System.Text.Json.Nodes;

namespace Mesh.Samples.Orders;

/// <summary>What asking inventory gave: its stock document, or why there is none (and the body it answered with, if any).</summary>
internal sealed record InventoryAnswer(JsonObject? Stock, string? Failure, string? Body)
{
    public static InventoryAnswer Answered(JsonObject stock) => new(stock, null, null);

    public static InventoryAnswer Failed(string failure, string? body = null) => new(null, failure, body);
}
