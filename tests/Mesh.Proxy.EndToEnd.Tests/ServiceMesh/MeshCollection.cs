namespace Mesh.Proxy.EndToEnd.Tests.ServiceMesh;

/// <summary>The test classes that share one <see cref="MeshFixture"/>: two sample services behind sidecars, an edge, one silo.</summary>
[CollectionDefinition(Name)]
public sealed class MeshCollection : ICollectionFixture<MeshFixture>
{
    public const string Name = "service mesh";
}
