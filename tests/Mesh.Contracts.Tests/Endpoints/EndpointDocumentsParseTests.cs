using Mesh.Contracts.Endpoints;
using Mesh.Contracts.Validation;

namespace Mesh.Contracts.Tests.Endpoints;

public sealed class EndpointDocumentsParseTests
{
    private const string AddressRule = "must be an absolute http or https URL";
    private const string AddressOnlyRule = "must name only scheme, host and port (no path, query, fragment or credentials)";

    private static readonly EndpointDocument Minimal = new() { Address = "http://127.0.0.1:7001" };

    [Fact]
    public void Parse_WhenOnlyAddressIsGiven_UsesTheDefaults()
    {
        var (spec, errors) = Parse(Minimal);

        ErrorAssert.None(errors);
        Assert.Equal(new Uri("http://127.0.0.1:7001"), spec.Address);
        Assert.Equal(1, spec.Weight);
        Assert.Equal("local", spec.Zone);
        Assert.Empty(spec.Metadata);
        Assert.Null(spec.Ttl);
    }

    [Fact]
    public void Parse_WhenTheContractExampleIsGiven_ReadsEveryField()
    {
        var document = ContractJson.Read<EndpointDocument>("""
            { "address": "https://orders-1.internal:7443", "weight": 5, "zone": "eu-west-1a",
              "metadata": { "version": "2", "x-team": "billing" }, "ttl": "15s" }
            """);

        var (spec, errors) = Parse(document);

        ErrorAssert.None(errors);
        Assert.Equal("https", spec.Address.Scheme);
        Assert.Equal("orders-1.internal", spec.Address.Host);
        Assert.Equal(7443, spec.Address.Port);
        Assert.Equal(5, spec.Weight);
        Assert.Equal("eu-west-1a", spec.Zone);
        Assert.Equal(["version", "x-team"], spec.Metadata.Keys.ToArray());
        Assert.Equal("billing", spec.Metadata["x-team"]);
        Assert.Equal(TimeSpan.FromSeconds(15), spec.Ttl);
    }

    [Theory]
    [InlineData("http://127.0.0.1:7001")]
    [InlineData("https://orders.internal")]
    [InlineData("http://orders:8080/")]
    [InlineData("HTTP://ORDERS:8080")]
    [InlineData("http://[::1]:7001")]
    public void Parse_WhenAddressIsAbsoluteHttpUrl_UsesIt(string address)
    {
        var (spec, errors) = Parse(Minimal with { Address = address });

        ErrorAssert.None(errors);
        Assert.Equal(new Uri(address), spec.Address);
    }

    [Theory]
    [InlineData("ftp://x")]
    [InlineData("/relative")]
    [InlineData("relative/path")]
    [InlineData("orders:8080")]
    [InlineData("file:///etc/passwd")]
    [InlineData("mailto:a@b.c")]
    [InlineData("not a url")]
    [InlineData("http://")]
    public void Parse_WhenAddressIsNotAnAbsoluteHttpUrl_NamesAddress(string address)
    {
        var (_, errors) = Parse(Minimal with { Address = address });

        ErrorAssert.Only(errors, "address", AddressRule);
    }

    [Theory]
    [InlineData("http://h/path")]
    [InlineData("http://h:7001/api/")]
    [InlineData("http://h?q=1")]
    [InlineData("http://h/#f")]
    [InlineData("http://user:secret@h")]
    public void Parse_WhenAddressHasMoreThanSchemeHostAndPort_NamesAddress(string address)
    {
        var (_, errors) = Parse(Minimal with { Address = address });

        ErrorAssert.Only(errors, "address", AddressOnlyRule);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    public void Parse_WhenAddressIsMissing_SaysItIsRequired(string? address)
    {
        var (_, errors) = Parse(Minimal with { Address = address });

        ErrorAssert.Only(errors, "address", "is required");
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(1000)]
    public void Parse_WhenWeightIsZeroToThousand_UsesIt(int weight)
    {
        var (spec, errors) = Parse(Minimal with { Weight = weight });

        ErrorAssert.None(errors);
        Assert.Equal(weight, spec.Weight);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(1001)]
    public void Parse_WhenWeightIsOutOfRange_NamesWeight(int weight)
    {
        var (spec, errors) = Parse(Minimal with { Weight = weight });

        ErrorAssert.Only(errors, "weight", "must be between 0 and 1000");
        Assert.Equal(EndpointDocuments.DefaultWeight, spec.Weight);
    }

    [Theory]
    [InlineData("local")]
    [InlineData("eu-west-1a")]
    [InlineData("rack_7.dc:2")]
    public void Parse_WhenZoneIsAnId_UsesIt(string zone)
    {
        var (spec, errors) = Parse(Minimal with { Zone = zone });

        ErrorAssert.None(errors);
        Assert.Equal(zone, spec.Zone);
    }

    [Theory]
    [InlineData("")]
    [InlineData("a/b")]
    [InlineData("-x")]
    [InlineData("eu west")]
    public void Parse_WhenZoneIsNotAnId_NamesZone(string zone)
    {
        var (_, errors) = Parse(Minimal with { Zone = zone });

        ErrorAssert.Keys(errors, "zone");
    }

    [Theory]
    [InlineData("1s", 1_000)]
    [InlineData("15s", 15_000)]
    [InlineData("1m", 60_000)]
    public void Parse_WhenTtlIsAtLeastOneSecond_UsesIt(string ttl, int milliseconds)
    {
        var (spec, errors) = Parse(Minimal with { Ttl = ttl });

        ErrorAssert.None(errors);
        Assert.Equal(TimeSpan.FromMilliseconds(milliseconds), spec.Ttl);
    }

    [Theory]
    [InlineData("999ms")]
    [InlineData("0.5s")]
    public void Parse_WhenTtlIsUnderOneSecond_NamesTtl(string ttl)
    {
        var (_, errors) = Parse(Minimal with { Ttl = ttl });

        ErrorAssert.Only(errors, "ttl", "must be at least 1s");
    }

    [Theory]
    [InlineData("0s", "must be greater than zero")]
    [InlineData("15", Duration.FormatHint)]
    [InlineData("", Duration.FormatHint)]
    public void Parse_WhenTtlIsNotAPositiveDuration_NamesTtlOnce(string ttl, string message)
    {
        var (spec, errors) = Parse(Minimal with { Ttl = ttl });

        ErrorAssert.Only(errors, "ttl", message);
        Assert.Null(spec.Ttl);
    }

    [Fact]
    public void Parse_WhenMetadataKeysAreTokens_KeepsThemInOrdinalOrder()
    {
        var (spec, errors) = Parse(Minimal with { Metadata = new Dictionary<string, string> { ["x-team"] = "a", ["Version"] = "2", ["build.id"] = "" } });

        ErrorAssert.None(errors);
        Assert.Equal(["Version", "build.id", "x-team"], spec.Metadata.Keys.ToArray());
    }

    [Fact]
    public void Parse_WhenMetadataKeysAreNotTokens_NamesEachKey()
    {
        var (_, errors) = Parse(Minimal with { Metadata = new Dictionary<string, string> { ["ok"] = "1", ["bad key"] = "2", ["a/b"] = "3" } });

        ErrorAssert.Keys(errors, "metadata.bad key", "metadata.a/b");
    }

    [Fact]
    public void Parse_WhenSeveralFieldsAreBad_NamesEachOfThem()
    {
        var (_, errors) = Parse(new EndpointDocument
        {
            Address = "ftp://x",
            Weight = 1001,
            Zone = "a/b",
            Metadata = new Dictionary<string, string> { ["bad key"] = "x" },
            Ttl = "500ms",
        });

        ErrorAssert.Keys(errors, "address", "weight", "zone", "metadata.bad key", "ttl");
    }

    [Fact]
    public void Parse_IgnoresReadOnlyFields()
    {
        var (_, errors) = Parse(Minimal with
        {
            Id = "a/b",
            Service = "Not A Name",
            Health = "nonsense",
            LastHeartbeat = DateTimeOffset.UnixEpoch,
            EjectedUntil = DateTimeOffset.UnixEpoch,
            Version = -1,
        });

        ErrorAssert.None(errors);
    }

    private static (EndpointSpec Spec, ValidationErrors Errors) Parse(EndpointDocument document)
    {
        var errors = new ValidationErrors();
        return (EndpointDocuments.Parse(document, errors), errors);
    }
}
