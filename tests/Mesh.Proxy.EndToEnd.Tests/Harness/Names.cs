namespace Mesh.Proxy.EndToEnd.Tests.Harness;

/// <summary>Resource names no other test uses, so tests sharing a silo and proxies never see each other's config.</summary>
public static class Names
{
    /// <summary>A DNS label (valid for services and routes) starting with <paramref name="prefix"/>.</summary>
    public static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid():N}"[..(prefix.Length + 9)];
}
