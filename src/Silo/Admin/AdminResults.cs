using Mesh.Contracts.Catalog;
using Mesh.Contracts.Validation;

namespace Mesh.Silo.Admin;

/// <summary>How catalog answers become HTTP answers, and where the response's version headers come from.</summary>
internal static class AdminResults
{
    /// <summary>The versions a handler read its answer at, for the headers; without them the headers ask the catalog.</summary>
    public const string VersionsItem = "mesh.catalog-versions";

    public static IResult Invalid(IDictionary<string, string[]> errors) => Results.ValidationProblem(
        errors,
        title: "The request was refused: nothing was changed",
        statusCode: StatusCodes.Status400BadRequest);

    public static IResult Invalid(ValidationErrors errors) => Invalid(errors.ToDictionary().ToDictionary());

    public static IResult NotFound(string what) =>
        Results.Problem(statusCode: StatusCodes.Status404NotFound, title: $"{what} not found");

    /// <summary>Maps a write's outcome; <paramref name="stored"/> renders the stored resource for 200.</summary>
    public static IResult Write(HttpContext http, WriteResult result, string what, Func<long, object>? stored)
    {
        return result.Outcome switch
        {
            WriteOutcome.Applied when stored is null => Results.NoContent(),
            WriteOutcome.Applied => Results.Ok(stored!(result.Version)),
            WriteOutcome.NotFound => NotFound(what),
            WriteOutcome.Conflict => Results.ValidationProblem(
                ToDictionary(result),
                title: "The resource is still in use: nothing was changed",
                statusCode: StatusCodes.Status409Conflict),
            _ => Invalid(ToDictionary(result)),
        };
    }

    /// <summary>The answer was read from <paramref name="snapshot"/>: the headers name its versions.</summary>
    public static void RecordVersions(HttpContext http, CatalogSnapshot snapshot) =>
        http.Items[VersionsItem] = new CatalogVersions(snapshot.ConfigVersion, snapshot.Version);

    private static Dictionary<string, string[]> ToDictionary(WriteResult result) =>
        result.Errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);
}
