using Mesh.Contracts.Configuration;

namespace Mesh.Silo.Catalog.Kinds;

/// <summary>
/// A resource naming another at <see cref="Field"/> (empty: by its own name). An owned resource goes with its
/// owner (an authorization policy or a static endpoint with its service); any other reference keeps its target
/// from being deleted while it stands.
/// </summary>
internal sealed record ResourceReference(string Field, ResourceKey Target, bool Owned);
