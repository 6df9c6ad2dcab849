using System.Globalization;
using System.Text;
using Mesh.Contracts.Catalog;
using Mesh.Contracts.Endpoints;
using Mesh.Contracts.Validation;

namespace Mesh.Proxy.Forwarding;

/// <summary>
/// Why a service has no endpoint to send to, endpoint by endpoint, from the snapshot: what the 503 says, so an
/// operator reads <c>unhealthy: GET /healthz → 404 at …</c> instead of guessing. Built only on that error path.
/// </summary>
internal static class UnavailableEndpoints
{
    public static string Describe(CatalogSnapshot snapshot, IEnumerable<string> services)
    {
        var detail = new StringBuilder();
        foreach (var service in services.Distinct(StringComparer.Ordinal))
        {
            if (detail.Length > 0)
            {
                detail.Append(" | ");
            }

            detail.Append("service '").Append(service).Append("': ");
            if (!snapshot.Services.TryGetValue(service, out var entry) || entry.Endpoints.IsEmpty)
            {
                detail.Append("no endpoints registered");
                continue;
            }

            var first = true;
            foreach (var endpoint in entry.Endpoints.Values)
            {
                detail.Append(first ? string.Empty : "; ").Append("endpoint '").Append(endpoint.Id).Append("' ").Append(Reason(endpoint));
                first = false;
            }
        }

        return detail.ToString();
    }

    private static string Reason(EndpointStatus endpoint) => endpoint.Health switch
    {
        EndpointHealth.Unhealthy when endpoint.LastProbe is { } probe => $"unhealthy: {probe.Result} at {Time(probe.At)}",
        EndpointHealth.Ejected when endpoint.EjectedUntil is { } until => $"ejected until {Time(until)} (outlier: consecutive upstream failures)",
        EndpointHealth.Draining => "draining",
        var health => EnumNames<EndpointHealth>.Name(health),
    };

    private static string Time(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
