namespace Mesh.Proxy.Caching;

/// <summary>The values of <c>x-mesh-cache</c> and of the cache metric's <c>outcome</c> label.</summary>
internal static class CacheOutcome
{
    public const string Header = "x-mesh-cache";

    /// <summary>A fresh stored response; the upstream was not asked.</summary>
    public const string Hit = "hit";

    /// <summary>A stored response that was stale: confirmed by the upstream (304), or allowed stale by the client's <c>max-stale</c>.</summary>
    public const string Stale = "stale";

    /// <summary>Fetched from the upstream (and stored when the response allows).</summary>
    public const string Miss = "miss";

    /// <summary>Not a request a cache answers: a method other than GET or HEAD, a range, an upgrade.</summary>
    public const string Bypass = "bypass";
}
