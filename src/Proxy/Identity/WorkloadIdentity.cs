namespace Mesh.Proxy.Identity;

/// <summary>
/// The certificate this proxy presents right now. Every TLS handshake reads it afresh, so a rotation takes
/// effect for new connections at once and never touches open ones.
/// </summary>
internal sealed class WorkloadIdentity(string name)
{
    private WorkloadCredentials? _current;

    /// <summary>The service name this proxy's certificates speak for.</summary>
    public string Name { get; } = name;

    public WorkloadCredentials? Current => Volatile.Read(ref _current);

    public void Install(WorkloadCredentials credentials) => Volatile.Write(ref _current, credentials);
}
