namespace Mesh.Proxy.Caching;

internal enum StoredUse
{
    /// <summary>Fresh, and the request accepts it: answer from the store.</summary>
    Fresh,

    /// <summary>Stale, but within the client's <c>max-stale</c> and not <c>must-revalidate</c>: answer from the store.</summary>
    StaleAllowed,

    /// <summary>Ask the upstream with the stored validators; a 304 confirms the stored response.</summary>
    Revalidate,

    /// <summary>Unusable and without validators: fetch it again.</summary>
    Refetch,
}
