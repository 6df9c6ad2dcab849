namespace Mesh.Samples.Inventory;

/// <summary>The answer of <c>GET /stock/{sku}</c>.</summary>
/// <param name="Caller">The calling service's identity as the sidecar verified it; null when called directly.</param>
/// <param name="Instance">Which instance answered.</param>
internal sealed record StockLevel(string Sku, int Available, string? Caller, string Instance);
