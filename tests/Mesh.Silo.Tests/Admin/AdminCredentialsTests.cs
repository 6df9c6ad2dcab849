using Mesh.Silo.Admin.Access;
using Mesh.Silo.Hosting;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace Mesh.Silo.Tests.Admin;

/// <summary>Browser sessions: signed with the token, good for their lifetime only, worthless when altered or under another token.</summary>
public sealed class AdminCredentialsTests
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.Parse("2026-12-01T10:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

    [Fact]
    public void Session_IsGoodUntilItsLifetimeEnds()
    {
        var credentials = For("token-a");
        var (session, _) = credentials.StartSession();

        var fresh = credentials.VerifySession(session);
        _time.Advance(AdminCredentials.SessionLifetime - TimeSpan.FromSeconds(1));
        var late = credentials.VerifySession(session);
        _time.Advance(TimeSpan.FromSeconds(1));
        var expired = credentials.VerifySession(session);

        Assert.NotNull(fresh);
        Assert.Equal(fresh, late);
        Assert.Null(expired);
    }

    [Fact]
    public void Session_SignedUnderAnotherToken_OrAltered_IsRefused()
    {
        var (session, _) = For("token-a").StartSession();
        var parts = session.Split('.');
        var backdated = $"{long.Parse(parts[0], System.Globalization.CultureInfo.InvariantCulture) + 3600}.{parts[1]}.{parts[2]}";

        Assert.Null(For("token-b").VerifySession(session));
        Assert.Null(For("token-a").VerifySession(backdated));
        Assert.Null(For("token-a").VerifySession(session + "x"));
        Assert.Null(For("token-a").VerifySession("not-a-session"));
        Assert.NotNull(For("token-a").VerifySession(session));
    }

    [Fact]
    public void AntiForgeryToken_BelongsToItsSessionOnly()
    {
        var credentials = For("token-a");
        var (first, firstToken) = credentials.StartSession();
        var (second, secondToken) = credentials.StartSession();

        Assert.True(credentials.IsAntiForgeryFor(credentials.VerifySession(first)!, firstToken));
        Assert.False(credentials.IsAntiForgeryFor(credentials.VerifySession(first)!, secondToken));
        Assert.False(credentials.IsAntiForgeryFor(credentials.VerifySession(second)!, null));
    }

    [Fact]
    public void WithoutAToken_NothingIsRequired_AndNothingVerifies()
    {
        var credentials = new AdminCredentials(Options.Create(new AdminOptions()), _time);

        Assert.False(credentials.Required);
        Assert.False(credentials.IsToken(string.Empty));
        Assert.Null(credentials.VerifySession("1.2.3"));
    }

    private AdminCredentials For(string token) => new(Options.Create(new AdminOptions { Token = token }), _time);
}
