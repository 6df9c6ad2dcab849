using Mesh.Contracts.Consumers;
using Mesh.Contracts.Validation;

namespace Mesh.Contracts.Tests.Consumers;

public sealed class ConsumerDocumentsParseTests
{
    [Fact]
    public void Parse_WhenTheContractExampleIsGiven_ReadsEveryField()
    {
        var document = ContractJson.Read<ConsumerDocument>("""{ "groups": ["gold", "eu"], "rateLimit": "gold-tier", "metadata": { "team": "checkout" } }""");

        var errors = new ValidationErrors();
        var spec = ConsumerDocuments.Parse(document, errors);

        ErrorAssert.None(errors);
        Assert.Equal(["eu", "gold"], spec.Groups.ToArray());
        Assert.Equal("gold-tier", spec.RateLimit);
        Assert.Equal("checkout", spec.Metadata["team"]);
    }

    [Fact]
    public void Parse_WhenNothingIsGiven_IsAConsumerWithoutGroupsOrLimit()
    {
        var errors = new ValidationErrors();
        var spec = ConsumerDocuments.Parse(new ConsumerDocument(), errors);

        ErrorAssert.None(errors);
        Assert.Empty(spec.Groups.ToArray());
        Assert.Null(spec.RateLimit);
    }

    [Theory]
    [InlineData("gold,silver")]
    [InlineData("gold silver")]
    [InlineData("")]
    public void Parse_WhenAGroupCouldNotTravelInAHeader_NamesIt(string group)
    {
        var errors = new ValidationErrors();
        ConsumerDocuments.Parse(new ConsumerDocument { Groups = ["gold", group] }, errors);

        ErrorAssert.Only(errors, "groups[1]", ConsumerDocuments.GroupRule);
    }

    [Fact]
    public void Parse_WhenTheRateLimitIsNotAName_NamesRateLimit()
    {
        var errors = new ValidationErrors();
        ConsumerDocuments.Parse(new ConsumerDocument { RateLimit = "Gold Tier" }, errors);

        ErrorAssert.Keys(errors, "rateLimit");
    }

    [Fact]
    public void FromThenParse_GivesTheSameSpec()
    {
        var errors = new ValidationErrors();
        var spec = ConsumerDocuments.Parse(new ConsumerDocument { Groups = ["gold"], RateLimit = "tier", Metadata = new Dictionary<string, string> { ["a"] = "b" } }, errors);

        var again = ConsumerDocuments.Parse(ConsumerDocuments.From("alice", spec), errors);

        ErrorAssert.None(errors);
        Assert.Equal(spec.Groups.ToArray(), again.Groups.ToArray());
        Assert.Equal(spec.RateLimit, again.RateLimit);
        Assert.Equal(spec.Metadata, again.Metadata);
    }
}
