using System.Collections.Concurrent;
using System.Collections.Immutable;
using Mesh.Contracts.Jwt;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Mesh.Proxy.Access;

/// <summary>
/// Validates the tokens of one JWT provider with the keys the control plane pushed: signature (RSA, RSA-PSS and
/// ECDSA only), issuer, audience, expiry and not-before. A token that passed is remembered until it expires (as
/// Envoy's jwt_authn does), so a client that sends the same token again costs a lookup, not a signature check. A
/// validator lives as long as its provider's spec and keys stay the same, across snapshots.
/// </summary>
internal sealed class JwtValidator
{
    /// <summary>Asymmetric algorithms only: <c>none</c> and HMAC can never pass, whatever the keys say.</summary>
    public static readonly ImmutableArray<string> Algorithms =
    [
        SecurityAlgorithms.RsaSha256, SecurityAlgorithms.RsaSha384, SecurityAlgorithms.RsaSha512,
        SecurityAlgorithms.RsaSsaPssSha256, SecurityAlgorithms.RsaSsaPssSha384, SecurityAlgorithms.RsaSsaPssSha512,
        SecurityAlgorithms.EcdsaSha256, SecurityAlgorithms.EcdsaSha384, SecurityAlgorithms.EcdsaSha512,
    ];

    /// <summary>Tokens remembered at once; past it the memory starts over rather than grow with an attacker's inventions.</summary>
    public const int CacheSize = 10_000;

    private static readonly JsonWebTokenHandler Handler = new() { MapInboundClaims = false };

    private readonly TokenValidationParameters _parameters;
    private readonly ConcurrentDictionary<string, TokenIdentity> _passed = new(StringComparer.Ordinal);
    private readonly TimeProvider _time;

    /// <summary>How often one edge may ask the control plane to refetch this provider's keys (the control plane throttles again).</summary>
    private static readonly TimeSpan AskInterval = TimeSpan.FromSeconds(5);
    private long _askedAtTicks;

    public JwtValidator(string name, JwtProviderEntry entry, TimeProvider time)
    {
        Name = name;
        Entry = entry;
        _time = time;
        var keys = entry.Keys is { } json ? JsonWebKeys.Read(json).Keys : [];
        _parameters = new TokenValidationParameters
        {
            ValidIssuer = entry.Spec.Issuer,
            ValidateAudience = !entry.Spec.Audiences.IsEmpty,
            ValidAudiences = entry.Spec.Audiences,
            IssuerSigningKeys = keys,
            ValidAlgorithms = Algorithms,
            ClockSkew = entry.Spec.ClockSkew,
            RequireExpirationTime = true,
            RequireSignedTokens = true,
            ValidateLifetime = true,
            ValidateIssuerSigningKey = false,
            TryAllIssuerSigningKeys = true,
        };
    }

    public string Name { get; }

    public JwtProviderEntry Entry { get; }

    public string Issuer => Entry.Spec.Issuer;

    /// <summary>A token remembered as valid and not yet expired, or null: then it must be read and <see cref="ValidateAsync"/>d.</summary>
    public TokenIdentity? Remembered(string raw) =>
        _passed.TryGetValue(raw, out var known) && known.Until > _time.GetUtcNow() ? known : null;

    /// <summary>Who a token this provider signed, valid now, names; or why it is refused.</summary>
    public async ValueTask<JwtVerdict> ValidateAsync(string raw, JsonWebToken token)
    {
        var result = await Handler.ValidateTokenAsync(token, _parameters);
        if (!result.IsValid)
        {
            return new JwtVerdict(null, Describe(result.Exception), KeyUnknown: result.Exception is SecurityTokenSignatureKeyNotFoundException);
        }

        if (!token.TryGetClaim(Entry.Spec.ConsumerClaim, out var consumer) || !IsHeaderSafe(consumer.Value))
        {
            return new JwtVerdict(null, $"the token has no usable '{Entry.Spec.ConsumerClaim}' claim to name the caller", KeyUnknown: false);
        }

        var groups = Entry.Spec.GroupsClaim is { } claim
            ? token.Claims.Where(c => c.Type == claim).Select(c => c.Value).Where(Contracts.Consumers.ConsumerDocuments.IsGroup).Distinct(StringComparer.Ordinal).ToImmutableArray()
            : [];
        var headers = Entry.Spec.ClaimsToHeaders
            .Select(h => (h.Header, Value: string.Join(',', token.Claims.Where(c => c.Type == h.Claim).Select(c => c.Value))))
            .Where(h => h.Value.Length > 0 && IsHeaderSafe(h.Value))
            .ToImmutableArray();
        var identity = new TokenIdentity(consumer.Value, groups, headers, new DateTimeOffset(token.ValidTo, TimeSpan.Zero));
        if (_passed.Count >= CacheSize)
        {
            _passed.Clear();
        }

        _passed[raw] = identity;
        return new JwtVerdict(identity, null, KeyUnknown: false);
    }

    /// <summary>True at most once per <see cref="AskInterval"/>: a flood of unknown key ids is one question, not one per request.</summary>
    public bool ShouldAskForKeys()
    {
        var now = _time.GetUtcNow().UtcTicks;
        var asked = Interlocked.Read(ref _askedAtTicks);
        return now - asked >= AskInterval.Ticks && Interlocked.CompareExchange(ref _askedAtTicks, now, asked) == asked;
    }

    /// <summary>Whether a validator built for <paramref name="entry"/> would be this one.</summary>
    public bool IsFor(JwtProviderEntry entry) =>
        entry.Keys == Entry.Keys
        && entry.Spec.Issuer == Entry.Spec.Issuer
        && entry.Spec.Audiences.SequenceEqual(Entry.Spec.Audiences)
        && entry.Spec.ConsumerClaim == Entry.Spec.ConsumerClaim
        && entry.Spec.GroupsClaim == Entry.Spec.GroupsClaim
        && entry.Spec.ClaimsToHeaders.SequenceEqual(Entry.Spec.ClaimsToHeaders)
        && entry.Spec.ClockSkew == Entry.Spec.ClockSkew;

    /// <summary>What a client may learn of why its token failed: the kind of failure, never a key or a stack.</summary>
    private static string Describe(Exception? failure) => failure switch
    {
        SecurityTokenExpiredException => "the token has expired",
        SecurityTokenNotYetValidException => "the token is not valid yet",
        SecurityTokenInvalidAudienceException => "the token is not for this audience",
        SecurityTokenInvalidIssuerException => "the token is from another issuer",
        SecurityTokenInvalidAlgorithmException => "the token's algorithm is not accepted (RS, PS or ES only)",
        SecurityTokenSignatureKeyNotFoundException => "the token is signed with a key the provider does not publish",
        SecurityTokenInvalidSignatureException => "the token's signature is not valid",
        SecurityTokenNoExpirationException => "the token has no expiry",
        _ => "the token is not valid",
    };

    /// <summary>Claims become header values: nothing that could split or smuggle a header.</summary>
    private static bool IsHeaderSafe(string value) => value.Length is > 0 and <= 1024 && value.All(c => c is >= ' ' and <= '~');
}

/// <summary>What a valid token says of its caller, until it expires.</summary>
internal sealed record TokenIdentity(
    string Consumer, ImmutableArray<string> Groups, ImmutableArray<(string Header, string Value)> ClaimHeaders, DateTimeOffset Until)
{
    /// <summary>The caller when the consumer is not registered: made once per token, not per request.</summary>
    public EdgeCaller Unregistered { get; } = new(Consumer, Groups, null, ClaimHeaders);
}

/// <summary>A valid token's caller, or why it failed and whether an unknown key id was the cause (the keys may have rotated).</summary>
internal readonly record struct JwtVerdict(TokenIdentity? Identity, string? Error, bool KeyUnknown);
