using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace O365Functions.Emulators.Entra;

/// <summary>
/// Entra's token state: refresh tokens that rotate on every use and die after going unused for the idle lifetime,
/// and opaque access tokens with an expiry. A redeemed refresh token stays valid, as Entra's does.
/// </summary>
internal sealed class TokenIssuer(MicrosoftEmulatorOptions options, EmulatorClock clock)
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _refreshTokens = new(StringComparer.Ordinal)
    {
        [options.InitialRefreshToken] = clock.GetUtcNow(),
    };

    private readonly ConcurrentDictionary<string, IssuedAccessToken> _accessTokens = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, byte> _revoked = new(StringComparer.Ordinal);

    /// <summary>How many refresh tokens have been issued, the initial one included.</summary>
    public int RefreshTokensIssued => _refreshTokens.Count;

    /// <summary>Why <paramref name="refreshToken"/> cannot be redeemed (an AADSTS code), or null when it can.</summary>
    public string? Refusal(string refreshToken)
    {
        if (_revoked.ContainsKey(refreshToken))
        {
            return "AADSTS50173";
        }

        if (!_refreshTokens.TryGetValue(refreshToken, out var issuedAt))
        {
            return "AADSTS9002313";
        }

        return clock.GetUtcNow() - issuedAt > options.RefreshTokenIdleLifetime ? "AADSTS700082" : null;
    }

    private readonly ConcurrentDictionary<string, (string RedirectUri, DateTimeOffset IssuedAt)> _codes = new(StringComparer.Ordinal);

    /// <summary>A one-time authorization code for a consent, redeemable at <paramref name="redirectUri"/> for 10 minutes.</summary>
    public string IssueAuthorizationCode(string redirectUri)
    {
        var code = "emu-code-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        _codes[code] = (redirectUri, clock.GetUtcNow());
        return code;
    }

    /// <summary>Redeems a code once; false when it is unknown, used, expired or was issued for another redirect URI.</summary>
    public bool RedeemAuthorizationCode(string code, string redirectUri) =>
        _codes.TryRemove(code, out var issued) && issued.RedirectUri == redirectUri && clock.GetUtcNow() - issued.IssuedAt < TimeSpan.FromMinutes(10);

    public string IssueRefreshToken()
    {
        var token = "emu-rt-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(16));
        _refreshTokens[token] = clock.GetUtcNow();
        return token;
    }

    public IssuedAccessToken IssueAccessToken(string audience, string tenantId, bool appOnly)
    {
        // An app+user token is an unsigned JWT whose amr says how the consenting admin signed in, as Entra's are readable.
        var value = appOnly
            ? "emu-at-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(16))
            : $"{Base64Url("{\"alg\":\"none\",\"typ\":\"JWT\"}")}.{Base64Url($"{{\"aud\":\"{audience}\",\"tid\":\"{tenantId}\",\"amr\":{(options.ConsentWithMultiFactor ? "[\"pwd\",\"mfa\"]" : "[\"pwd\"]")},\"jti\":\"{Convert.ToHexString(RandomNumberGenerator.GetBytes(16))}\"}}")}.";
        var token = new IssuedAccessToken(value, audience, tenantId, appOnly, clock.GetUtcNow() + options.AccessTokenLifetime);
        _accessTokens[token.Value] = token;
        return token;
    }

    /// <summary>A JSON segment of an unsigned JWT.</summary>
    internal static string Base64Url(string json) =>
        Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(json)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>The token behind a bearer value, when it exists and has not expired.</summary>
    public IssuedAccessToken? Validate(string bearer) =>
        _accessTokens.TryGetValue(bearer, out var token) && token.ExpiresOn > clock.GetUtcNow() ? token : null;

    /// <summary>Revokes every refresh token issued so far, as "revoke sessions" does.</summary>
    public void RevokeAll()
    {
        foreach (var token in _refreshTokens.Keys)
        {
            _revoked[token] = 0;
        }
    }
}
