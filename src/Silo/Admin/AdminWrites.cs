using Mesh.Contracts.Catalog;
using Mesh.Contracts.Validation;

namespace Mesh.Silo.Admin;

/// <summary>The shape every PUT shares: read the body, validate name and body together, write, answer.</summary>
internal static class AdminWrites
{
    public static async Task<IResult> PutAsync<TDocument, TSpec>(
        HttpContext http,
        string name,
        string what,
        Func<TDocument, ValidationErrors, TSpec> parse,
        Func<TSpec, Task<WriteResult>> write,
        Func<TSpec, long, object> render,
        Func<string, bool>? isValidName = null,
        string nameField = "name",
        string nameRule = ResourceNames.NameRule)
        where TDocument : class
    {
        var (document, problem) = await JsonBody.ReadAsync<TDocument>(http.Request);
        if (problem is not null)
        {
            return problem;
        }

        var errors = new ValidationErrors();
        if (!(isValidName ?? ResourceNames.IsValidName)(name))
        {
            errors.Add(nameField, nameRule);
        }

        var spec = parse(document!, errors);
        if (!errors.IsEmpty)
        {
            return AdminResults.Invalid(errors);
        }

        var result = await write(spec);
        return AdminResults.Write(http, result, what, version => render(spec, version));
    }
}
