namespace Mesh.Proxy.EndToEnd.Tests.Access;

/// <summary>The edge-access test classes: one <see cref="AccessFixture"/> (a silo and three edges) started once.</summary>
[CollectionDefinition(Name)]
public sealed class AccessCollection : ICollectionFixture<AccessFixture>
{
    public const string Name = "access";
}
