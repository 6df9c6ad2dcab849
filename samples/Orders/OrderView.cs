using System.Text.Json.Nodes;

namespace Mesh.Samples.Orders;

/// <summary>The answer of <c>GET /orders/{id}</c>.</summary>
/// <param name="Caller">The calling service's identity as the sidecar verified it; null when called directly.</param>
/// <param name="Inventory">Inventory's answer for the order's sku, as inventory sent it.</param>
internal sealed record OrderView(string Order, string? Caller, JsonObject Inventory);
