using System.Text.Json;
using Mesh.Contracts.Routes;
using Mesh.Contracts.Validation;

namespace Mesh.Contracts.Tests.Routes;

public sealed class ValidateDocumentsParseTests
{
    [Fact]
    public void Parse_WhenTheContractExampleIsGiven_ReadsEveryField()
    {
        var document = ContractJson.Read<ValidateDocument>("""{ "contentTypes": ["Application/JSON"], "jsonSchema": { "type": "object" } }""");

        var (spec, errors) = Parse(document);

        ErrorAssert.None(errors);
        Assert.Equal(["application/json"], spec!.ContentTypes.ToArray());
        Assert.Equal("""{"type":"object"}""", spec.JsonSchema);
    }

    [Fact]
    public void Parse_WhenNothingIsGiven_NamesValidate()
    {
        var (_, errors) = Parse(new ValidateDocument());

        ErrorAssert.Only(errors, "validate", "must name contentTypes, a jsonSchema, or both");
    }

    [Theory]
    [InlineData("json")]
    [InlineData("application/json; charset=utf-8")]
    [InlineData("/json")]
    public void Parse_WhenAContentTypeIsNotAMediaType_NamesIt(string type)
    {
        var (_, errors) = Parse(new ValidateDocument { ContentTypes = ["text/*", type] });

        ErrorAssert.Keys(errors, "validate.contentTypes[1]");
    }

    [Theory]
    [InlineData("""{ "type": 5 }""")]
    [InlineData("""{ "minimum": "one" }""")]
    [InlineData("[]")]
    [InlineData("\"object\"")]
    public void Parse_WhenTheSchemaIsNotOne_NamesJsonSchema(string schema)
    {
        var (_, errors) = Parse(new ValidateDocument { JsonSchema = JsonElement.Parse(schema) });

        ErrorAssert.Keys(errors, "validate.jsonSchema");
    }

    [Fact]
    public void FromThenParse_GivesTheSameSpec()
    {
        var (spec, _) = Parse(new ValidateDocument { ContentTypes = ["application/json"], JsonSchema = JsonElement.Parse("""{ "type": "object", "required": ["a"] }""") });

        var (again, errors) = Parse(ValidateDocuments.From(spec!));

        ErrorAssert.None(errors);
        Assert.Equal(spec!.JsonSchema, again!.JsonSchema);
        Assert.Equal(spec.ContentTypes.ToArray(), again.ContentTypes.ToArray());
    }

    private static (ValidateSpec? Spec, ValidationErrors Errors) Parse(ValidateDocument document)
    {
        var errors = new ValidationErrors();
        return (ValidateDocuments.Parse(document, errors), errors);
    }
}
