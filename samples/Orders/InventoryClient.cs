using System.Text.Json;
using System.Text.Json.Nodes;

namespace Mesh.Samples.Orders;

/// <summary>Calls inventory through the local sidecar's outbound listener (<see cref="OrdersOptions.Outbound"/>).</summary>
internal sealed partial class InventoryClient(HttpClient http, ILogger<InventoryClient> logger)
{
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(10);

    public async Task<InventoryAnswer> GetStockAsync(string sku, CancellationToken cancellationToken)
    {
        var path = $"/inventory/stock/{Uri.EscapeDataString(sku)}";
        try
        {
            using var response = await http.GetAsync(new Uri(path, UriKind.Relative), cancellationToken);
            var body = await response.Content.ReadAsStringAsync(cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                LogRefused(logger, path, (int)response.StatusCode);
                return InventoryAnswer.Failed($"inventory answered {(int)response.StatusCode}", body);
            }

            return JsonNode.Parse(body) is JsonObject stock
                ? InventoryAnswer.Answered(stock)
                : InventoryAnswer.Failed($"inventory answered {(int)response.StatusCode} with a body that is not a JSON object", body);
        }
        catch (JsonException e)
        {
            return InventoryAnswer.Failed($"inventory answered with a body that is not JSON: {e.Message}");
        }
        catch (HttpRequestException e)
        {
            LogUnreachable(logger, http.BaseAddress, e);
            return InventoryAnswer.Failed($"inventory could not be reached through {http.BaseAddress}: {e.Message}");
        }
        catch (TaskCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            LogUnreachable(logger, http.BaseAddress, e);
            return InventoryAnswer.Failed($"inventory did not answer within {Timeout.TotalSeconds:0}s through {http.BaseAddress}");
        }
    }

    [LoggerMessage(1, LogLevel.Warning, "Inventory answered {Status} to GET {Path}")]
    private static partial void LogRefused(ILogger logger, string path, int status);

    [LoggerMessage(2, LogLevel.Warning, "Inventory could not be reached through {Outbound}")]
    private static partial void LogUnreachable(ILogger logger, Uri? outbound, Exception exception);
}
