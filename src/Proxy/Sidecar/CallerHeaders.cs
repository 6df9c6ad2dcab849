namespace Mesh.Proxy.Sidecar;

internal static class CallerHeaders
{
    /// <summary>
    /// The caller's verified SPIFFE id, set by the sidecar on requests it lets through to its app. The app may
    /// trust it because the sidecar removes any such header a caller sent.
    /// </summary>
    public const string Caller = "x-mesh-caller";
}
