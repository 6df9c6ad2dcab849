using Mesh.Contracts.Jwt;

namespace Mesh.Contracts.Tests.Jwt;

public sealed class JsonWebKeysTests
{
    [Fact]
    public void Read_WhenTheSetHoldsAnRsaKey_GivesItsSigningKey()
    {
        var (keys, error) = JsonWebKeys.Read(TestKeySets.Rsa("r1"));

        Assert.Null(error);
        Assert.Equal("r1", Assert.Single(keys).KeyId);
    }

    [Fact]
    public void Read_WhenTheSetHoldsAnEcKey_GivesItsSigningKey()
    {
        var (keys, error) = JsonWebKeys.Read(TestKeySets.Ec("e1"));

        Assert.Null(error);
        Assert.Equal("e1", Assert.Single(keys).KeyId);
    }

    [Fact]
    public void Read_WhenTheSetHoldsASymmetricKey_RefusesTheSet()
    {
        var (keys, error) = JsonWebKeys.Read("""{"keys":[{"kty":"oct","kid":"h1","k":"c2VjcmV0c2VjcmV0c2VjcmV0c2VjcmV0"}]}""");

        Assert.Empty(keys);
        Assert.Equal("key 'h1' is symmetric (kty oct): HMAC keys are refused, use RSA or EC keys", error);
    }

    [Theory]
    [InlineData("""{"keys":[]}""", "holds no keys")]
    [InlineData("""{"keys":[{"kty":"RSA","kid":"x"}]}""", "holds no usable signing key")]
    [InlineData("not json", "is not a JSON Web Key Set")]
    public void Read_WhenTheSetIsNotUsable_SaysWhy(string json, string start)
    {
        var (keys, error) = JsonWebKeys.Read(json);

        Assert.Empty(keys);
        Assert.StartsWith(start, error);
    }
}
