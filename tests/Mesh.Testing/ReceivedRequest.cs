namespace Mesh.Testing;

/// <summary>One request as a <see cref="TestBackend"/> received it: what the proxy actually sent upstream.</summary>
public sealed record ReceivedRequest(
    string Method,
    string Path,
    string Query,
    IReadOnlyDictionary<string, string> Headers,
    long BodyLength,
    DateTimeOffset ReceivedAt)
{
    /// <summary>A request header's value (names are case-insensitive), or null when it was not sent.</summary>
    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}
