namespace Mesh.Proxy.Telemetry;

/// <summary>What takes every finished request's <see cref="RequestRecord"/>: the access log, analytics. It must not block.</summary>
internal interface IRequestRecordSink
{
    /// <summary>Decided at start-up: a proxy with no sink enabled records nothing and pays nothing.</summary>
    bool Enabled { get; }

    void Add(RequestRecord record);
}
