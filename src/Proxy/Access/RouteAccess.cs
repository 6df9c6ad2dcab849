using System.Collections.Immutable;
using Mesh.Contracts.Routes;
using Microsoft.IdentityModel.JsonWebTokens;

namespace Mesh.Proxy.Access;

/// <summary>
/// Who may call one route, resolved once per snapshot: how callers prove who they are, which JWT providers count,
/// who is allowed, and its CORS policy. A route with none of these has no access plan and pays nothing.
/// </summary>
internal sealed class RouteAccess
{
    private readonly CallerDirectory _directory;
    private readonly ImmutableArray<JwtValidator> _validators;
    private readonly RouteAllow? _allow;

    private RouteAccess(RouteSpec route, CallerDirectory directory)
    {
        Mode = route.Auth;
        _directory = directory;
        _validators = Mode is AuthMode.Jwt or AuthMode.ApiKeyOrJwt ? directory.ProvidersNamed(route.JwtProviders) : [];
        _allow = route.Allow;
        Cors = route.Cors is { } cors ? new CorsRule(cors) : null;
        Challenge = Mode switch
        {
            AuthMode.ApiKey => ApiKeyChallenge,
            AuthMode.Jwt => BearerChallenge,
            _ => $"{BearerChallenge}, {ApiKeyChallenge}",
        };
    }

    public const string ApiKeyHeader = "x-api-key";
    private const string ApiKeyChallenge = "ApiKey realm=\"mesh\", header=\"x-api-key\"";
    private const string BearerChallenge = "Bearer realm=\"mesh\"";
    private const string BearerPrefix = "Bearer ";

    public AuthMode Mode { get; }

    public CorsRule? Cors { get; }

    /// <summary>The <c>WWW-Authenticate</c> of a request that brought no credentials.</summary>
    public string Challenge { get; }

    public static RouteAccess? For(RouteSpec route, CallerDirectory directory) =>
        route.Auth == AuthMode.None && route.Cors is null ? null : new RouteAccess(route, directory);

    /// <summary>Whether an authenticated caller is on the route's allow list (every caller is, without one).</summary>
    public bool Admits(EdgeCaller caller) =>
        _allow is not { } allow || allow.Consumers.Contains(caller.Consumer, StringComparer.Ordinal) || caller.IsIn(allow.Groups);

    /// <summary>The caller a request proves itself to be, or the refusal and the provider whose keys may be stale.</summary>
    public async ValueTask<AccessVerdict> AuthenticateAsync(HttpRequest request)
    {
        if (Mode is AuthMode.ApiKey or AuthMode.ApiKeyOrJwt && request.Headers[ApiKeyHeader].ToString() is { Length: > 0 } key)
        {
            return _directory.Keys.Find(key) is { } caller
                ? new AccessVerdict(caller, null, null, null)
                : new AccessVerdict(null, "the API key is not valid", ApiKeyChallenge, null) { Presented = true };
        }

        if (Mode is AuthMode.Jwt or AuthMode.ApiKeyOrJwt && request.Headers.Authorization.ToString() is { } authorization
            && authorization.StartsWith(BearerPrefix, StringComparison.OrdinalIgnoreCase))
        {
            return await ValidateTokenAsync(authorization[BearerPrefix.Length..].Trim());
        }

        return new AccessVerdict(null, Mode switch
        {
            AuthMode.ApiKey => "an API key is required in x-api-key",
            AuthMode.Jwt => "a bearer token is required in Authorization",
            _ => "an API key (x-api-key) or a bearer token (Authorization) is required",
        }, Challenge, null);
    }

    private async ValueTask<AccessVerdict> ValidateTokenAsync(string raw)
    {
        foreach (var validator in _validators)
        {
            if (validator.Remembered(raw) is { } known)
            {
                return new AccessVerdict(_directory.Resolve(known), null, null, null);
            }
        }

        JsonWebToken token;
        try
        {
            token = new JsonWebToken(raw);
        }
        catch (ArgumentException)
        {
            return InvalidToken("the token is not a JWT");
        }

        var issuer = token.Issuer;
        foreach (var validator in _validators)
        {
            if (!string.Equals(validator.Issuer, issuer, StringComparison.Ordinal))
            {
                continue;
            }

            var verdict = await validator.ValidateAsync(raw, token);
            if (verdict.Identity is { } identity)
            {
                return new AccessVerdict(_directory.Resolve(identity), null, null, null);
            }

            return InvalidToken(verdict.Error!) with { StaleKeys = verdict.KeyUnknown ? validator : null };
        }

        return InvalidToken("the token is from an issuer this route does not accept");
    }

    private static AccessVerdict InvalidToken(string error) =>
        new(null, error, $"{BearerChallenge}, error=\"invalid_token\", error_description=\"{error}\"", null) { Presented = true };
}

/// <summary>
/// The caller, or why it is refused with its <c>WWW-Authenticate</c>; <see cref="StaleKeys"/>: a provider to refetch
/// keys for; <see cref="Presented"/>: whether a refused request brought a credential at all.
/// </summary>
internal readonly record struct AccessVerdict(EdgeCaller? Caller, string? Error, string? Challenge, JwtValidator? StaleKeys)
{
    public bool Presented { get; init; }
}
