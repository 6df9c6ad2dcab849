using Microsoft.Extensions.Options;

namespace Mesh.Samples.Orders;

internal static class InventoryClientRegistration
{
    public static IServiceCollection AddInventoryClient(this IServiceCollection services)
    {
        services.AddOptions<OrdersOptions>()
            .BindConfiguration(OrdersOptions.Section)
            .Validate(OrdersOptions.IsValid, $"{OrdersOptions.Section}:Outbound must be an absolute http URL, e.g. http://127.0.0.1:15001")
            .ValidateOnStart();
        services.AddHttpClient<InventoryClient>((provider, http) =>
        {
            http.BaseAddress = provider.GetRequiredService<IOptions<OrdersOptions>>().Value.Outbound;
            http.Timeout = InventoryClient.Timeout;
        });
        return services;
    }
}
