namespace Mesh.Silo.Catalog;

internal sealed partial class CatalogGrain
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Catalog activated at version {Version} with {Resources} configuration resources after {Commits} commits")]
    private partial void LogActivated(long version, int resources, long commits);

    [LoggerMessage(Level = LogLevel.Error, Message = "Stored {Kind} '{Name}' is no longer valid and is left out of the configuration: {Errors}")]
    private partial void LogStoredResourceRefused(string kind, string name, string errors);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Moved {Resources} resources of the per-resource catalog layout (version {Version}) into the one-row configuration")]
    private partial void LogMigrated(int resources, long version);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Version {Version} is stored, but telling circuit and endpoint grains about it failed; the next activation repairs it")]
    private partial void LogEffectsFailed(long version, Exception exception);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Endpoint {Service}/{EndpointId} ejected until {Until} (ejection {Count})")]
    private partial void LogEjected(string service, string endpointId, DateTimeOffset until, int count);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Endpoint {Service}/{EndpointId} is failing but not ejected: {MaxPercent}% of the service is already out")]
    private partial void LogEjectionRefused(string service, string endpointId, int maxPercent);

    [LoggerMessage(Level = LogLevel.Information, Message = "Endpoint {Service}/{EndpointId} is back from ejection")]
    private partial void LogRestored(string service, string endpointId);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Catalog version {Version} pushed to {Watchers} watchers")]
    private partial void LogCommitted(long version, int watchers);

    [LoggerMessage(Level = LogLevel.Debug, Message = "State version {Version} ({Endpoints} endpoints) pushed to {Watchers} watchers as a delta")]
    private partial void LogStatePushed(long version, int endpoints, int watchers);
}
