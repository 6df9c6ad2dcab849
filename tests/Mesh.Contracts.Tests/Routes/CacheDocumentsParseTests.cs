using Mesh.Contracts.Routes;
using Mesh.Contracts.Validation;

namespace Mesh.Contracts.Tests.Routes;

public sealed class CacheDocumentsParseTests
{
    [Fact]
    public void Parse_WhenTheContractExampleIsGiven_ReadsEveryField()
    {
        var document = ContractJson.Read<CacheDocument>("""
            { "defaultTtl": "0s", "maxTtl": "1h", "maxBodyBytes": 1048576, "varyByHeaders": ["Accept-Language"], "varyByConsumer": false }
            """);

        var (spec, errors) = Parse(document);

        ErrorAssert.None(errors);
        Assert.Equal(TimeSpan.Zero, spec!.DefaultTtl);
        Assert.Equal(TimeSpan.FromHours(1), spec.MaxTtl);
        Assert.Equal(1048576, spec.MaxBodyBytes);
        Assert.Equal(["accept-language"], spec.VaryByHeaders.ToArray());
        Assert.False(spec.VaryByConsumer);
    }

    [Fact]
    public void Parse_WhenEmpty_StoresOnlyWhatTheUpstreamAllows_ForAtMostAnHour()
    {
        var (spec, errors) = Parse(new CacheDocument());

        ErrorAssert.None(errors);
        Assert.Equal(new CacheSpec(TimeSpan.Zero, TimeSpan.FromHours(1), CacheDocuments.DefaultMaxBodyBytes, [], false), spec! with { VaryByHeaders = [] });
        Assert.Empty(spec.VaryByHeaders);
    }

    [Fact]
    public void Parse_WhenTheDefaultTtlIsLongerThanTheMaxTtl_NamesIt()
    {
        var (_, errors) = Parse(new CacheDocument { DefaultTtl = "2h", MaxTtl = "1h" });

        ErrorAssert.Only(errors, "cache.defaultTtl", "must not be longer than cache.maxTtl");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(CacheDocuments.MaxBodyLimit + 1)]
    public void Parse_WhenMaxBodyBytesIsOutOfRange_NamesIt(long bytes)
    {
        var (_, errors) = Parse(new CacheDocument { MaxBodyBytes = bytes });

        ErrorAssert.Keys(errors, "cache.maxBodyBytes");
    }

    [Fact]
    public void Parse_WhenAVaryHeaderIsNotAHeaderName_NamesItsIndex()
    {
        var (_, errors) = Parse(new CacheDocument { VaryByHeaders = ["accept", "not a header"] });

        ErrorAssert.Keys(errors, "cache.varyByHeaders[1]");
    }

    [Fact]
    public void FromThenParse_GivesTheSameSpec()
    {
        var (spec, _) = Parse(new CacheDocument { DefaultTtl = "30s", MaxTtl = "10m", MaxBodyBytes = 4096, VaryByHeaders = ["x-tenant", "accept"], VaryByConsumer = true });

        var (again, errors) = Parse(CacheDocuments.From(spec!));

        ErrorAssert.None(errors);
        Assert.Equal(spec! with { VaryByHeaders = [] }, again! with { VaryByHeaders = [] });
        Assert.Equal(["accept", "x-tenant"], again.VaryByHeaders.ToArray());
    }

    private static (CacheSpec? Spec, ValidationErrors Errors) Parse(CacheDocument document)
    {
        var errors = new ValidationErrors();
        return (CacheDocuments.Parse(document, errors), errors);
    }
}
