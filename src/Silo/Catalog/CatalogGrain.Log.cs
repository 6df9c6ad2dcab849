namespace Mesh.Silo.Catalog;

internal sealed partial class CatalogGrain
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Catalog activated at version {Version} with {Services} services and {Routes} routes")]
    private partial void LogActivated(long version, int services, int routes);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Endpoint {Service}/{EndpointId} ejected until {Until} (ejection {Count})")]
    private partial void LogEjected(string service, string endpointId, DateTimeOffset until, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Endpoint {Service}/{EndpointId} is failing but not ejected: {MaxPercent}% of the service is already out")]
    private partial void LogEjectionRefused(string service, string endpointId, int maxPercent);

    [LoggerMessage(Level = LogLevel.Information, Message = "Endpoint {Service}/{EndpointId} is back from ejection")]
    private partial void LogRestored(string service, string endpointId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Catalog version {Version} pushed to {Watchers} watchers")]
    private partial void LogCommitted(long version, int watchers);
}
