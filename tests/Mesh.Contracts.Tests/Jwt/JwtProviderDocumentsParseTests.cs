using System.Text.Json;
using Mesh.Contracts.Jwt;
using Mesh.Contracts.Validation;

namespace Mesh.Contracts.Tests.Jwt;

public sealed class JwtProviderDocumentsParseTests
{
    private static readonly JwtProviderDocument Remote = new()
    {
        Issuer = "https://idp.example.com/",
        JwksUri = "https://idp.example.com/.well-known/jwks.json",
    };

    [Fact]
    public void Parse_WhenOnlyIssuerAndJwksUriAreGiven_UsesTheDefaults()
    {
        var (spec, errors) = Parse(Remote);

        ErrorAssert.None(errors);
        Assert.Equal("https://idp.example.com/", spec.Issuer);
        Assert.Equal(new Uri("https://idp.example.com/.well-known/jwks.json"), spec.JwksUri);
        Assert.Null(spec.Jwks);
        Assert.Equal("sub", spec.ConsumerClaim);
        Assert.Null(spec.GroupsClaim);
        Assert.Empty(spec.Audiences.ToArray());
        Assert.Equal(TimeSpan.FromSeconds(30), spec.ClockSkew);
    }

    [Fact]
    public void Parse_WhenAnInlineKeySetAndEveryFieldAreGiven_ReadsThem()
    {
        var (spec, errors) = Parse(new JwtProviderDocument
        {
            Issuer = "https://idp.example.com/",
            Audiences = ["orders-api"],
            Jwks = JsonElement.Parse(TestKeySets.Ec("e1")),
            ConsumerClaim = "client_id",
            GroupsClaim = "groups",
            ClaimsToHeaders = [new ClaimHeaderDocument { Claim = "email", Header = "X-User-Email" }],
            ClockSkew = "5s",
        });

        ErrorAssert.None(errors);
        Assert.Equal(["orders-api"], spec.Audiences.ToArray());
        Assert.NotNull(spec.Jwks);
        Assert.Equal("client_id", spec.ConsumerClaim);
        Assert.Equal("groups", spec.GroupsClaim);
        Assert.Equal(new ClaimHeader("email", "x-user-email"), Assert.Single(spec.ClaimsToHeaders));
        Assert.Equal(TimeSpan.FromSeconds(5), spec.ClockSkew);
    }

    [Fact]
    public void Parse_WhenBothJwksAndJwksUriAreGiven_NamesJwks()
    {
        var (_, errors) = Parse(Remote with { Jwks = JsonElement.Parse(TestKeySets.Rsa("r1")) });

        ErrorAssert.Only(errors, "jwks", "exactly one of jwks (an inline key set) and jwksUri must be given");
    }

    [Fact]
    public void Parse_WhenNeitherJwksNorJwksUriIsGiven_NamesJwksUri()
    {
        var (_, errors) = Parse(Remote with { JwksUri = null });

        ErrorAssert.Only(errors, "jwksUri", "exactly one of jwks (an inline key set) and jwksUri must be given");
    }

    [Fact]
    public void Parse_WhenTheInlineKeySetIsMalformed_NamesJwks()
    {
        var (_, errors) = Parse(Remote with { JwksUri = null, Jwks = JsonElement.Parse("""{"keys":[{"kty":"RSA"}]}""") });

        ErrorAssert.Keys(errors, "jwks");
    }

    [Theory]
    [InlineData("ftp://idp.example.com/jwks")]
    [InlineData("/jwks.json")]
    [InlineData("https://user:pass@idp.example.com/jwks")]
    public void Parse_WhenJwksUriIsNotAnHttpUrl_NamesJwksUri(string uri)
    {
        var (_, errors) = Parse(Remote with { JwksUri = uri });

        ErrorAssert.Only(errors, "jwksUri", "must be an absolute http or https URL without credentials");
    }

    [Fact]
    public void Parse_WhenTheIssuerIsMissing_NamesIssuer()
    {
        var (_, errors) = Parse(Remote with { Issuer = null });

        ErrorAssert.Keys(errors, "issuer");
    }

    [Fact]
    public void Parse_WhenTheClockSkewIsOverTenMinutes_NamesClockSkew()
    {
        var (_, errors) = Parse(Remote with { ClockSkew = "11m" });

        ErrorAssert.Only(errors, "clockSkew", "must be at most 10m");
    }

    [Fact]
    public void Parse_WhenAClaimWouldBecomeAMeshHeader_NamesTheHeader()
    {
        var (_, errors) = Parse(Remote with { ClaimsToHeaders = [new ClaimHeaderDocument { Claim = "sub", Header = "x-mesh-consumer" }] });

        ErrorAssert.Only(errors, "claimsToHeaders[0].header", "x-mesh- headers are the mesh's own");
    }

    [Fact]
    public void FromThenParse_GivesTheSameSpec()
    {
        var (spec, _) = Parse(Remote with { Audiences = ["a"], ClockSkew = "0s" });

        var (again, errors) = Parse(JwtProviderDocuments.From("idp", spec));

        ErrorAssert.None(errors);
        Assert.Equal(spec.Issuer, again.Issuer);
        Assert.Equal(spec.Audiences.ToArray(), again.Audiences.ToArray());
        Assert.Equal(spec.JwksUri, again.JwksUri);
        Assert.Equal(spec.ClockSkew, again.ClockSkew);
    }

    private static (JwtProviderSpec Spec, ValidationErrors Errors) Parse(JwtProviderDocument document)
    {
        var errors = new ValidationErrors();
        return (JwtProviderDocuments.Parse(document, errors), errors);
    }
}
