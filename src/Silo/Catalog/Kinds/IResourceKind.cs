using Mesh.Contracts.Validation;

namespace Mesh.Silo.Catalog.Kinds;

/// <summary>
/// What the catalog needs to know of one kind of configuration resource: how its name is checked, how its
/// canonical document is read and written, and what it refers to. Everything else (storage, commits, history,
/// diffs, references, cascades) is the same for every kind.
/// </summary>
internal interface IResourceKind
{
    /// <summary>As diffs, history and the CLI name it: <c>service</c>, <c>route</c>.</summary>
    string Name { get; }

    /// <summary>Its section of the configuration document: <c>services</c>, <c>routes</c>.</summary>
    string Section { get; }

    /// <summary>As messages name it: <c>service</c>, <c>rate-limit policy</c>.</summary>
    string Label { get; }

    /// <summary>Why <paramref name="name"/> is not a valid name of this kind, or null.</summary>
    string? NameError(string name);

    /// <summary>Reads a canonical document (as stored); every bad field goes into <paramref name="errors"/>.</summary>
    object Parse(string json, ValidationErrors errors);

    /// <summary>The canonical document: the admin API's shape without name and read-only fields.</summary>
    string Render(string name, object spec);

    IEnumerable<ResourceReference> References(string name, object spec);
}
