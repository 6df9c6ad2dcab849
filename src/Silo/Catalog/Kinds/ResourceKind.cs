using System.Text.Json;
using Mesh.Contracts.Validation;
using Mesh.Silo.Admin;

namespace Mesh.Silo.Catalog.Kinds;

/// <summary>A kind described by its document type, its spec type and the contract's mappings between them.</summary>
internal sealed class ResourceKind<TDocument, TSpec>(
    string name,
    string section,
    string label,
    Func<string, string?> nameError,
    Func<TDocument, ValidationErrors, TSpec> parse,
    Func<string, TSpec, TDocument> render,
    Func<string, TSpec, IEnumerable<ResourceReference>> references) : IResourceKind
    where TDocument : class
    where TSpec : class
{
    public string Name { get; } = name;

    public string Section { get; } = section;

    public string Label { get; } = label;

    public string? NameError(string name) => nameError(name);

    public object Parse(string json, ValidationErrors errors)
    {
        try
        {
            return Parse(JsonSerializer.Deserialize<TDocument>(json, AdminJson.Options) ?? throw new JsonException("null document"), errors);
        }
        catch (JsonException e)
        {
            errors.Add("document", $"is not a {Name} document: {e.Message}");
            return parse(Activator.CreateInstance<TDocument>(), new ValidationErrors());
        }
    }

    public TSpec Parse(TDocument document, ValidationErrors errors) => parse(document, errors);

    public string Render(string name, object spec) => JsonSerializer.Serialize(render(name, (TSpec)spec), AdminJson.Options);

    public IEnumerable<ResourceReference> References(string name, object spec) => references(name, (TSpec)spec);
}
