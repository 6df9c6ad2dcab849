namespace Mesh.Proxy.EndToEnd.Tests.Harness;

/// <summary>The test classes that share one <see cref="EdgeFixture"/>: a silo and two proxies started once.</summary>
[CollectionDefinition(Name)]
public sealed class EdgeCollection : ICollectionFixture<EdgeFixture>
{
    public const string Name = "edge";
}
