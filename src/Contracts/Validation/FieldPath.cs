namespace Mesh.Contracts.Validation;

/// <summary>Builds the JSON paths that name bad fields: camelCase members joined by dots, indices in brackets.</summary>
public static class FieldPath
{
    public static string Member(string parent, string member) => parent.Length == 0 ? member : parent + "." + member;

    public static string Index(string parent, int index) => parent + "[" + index + "]";
}
