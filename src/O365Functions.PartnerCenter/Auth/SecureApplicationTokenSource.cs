using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Text.Json;
using O365Functions.Core.Secrets;
using O365Functions.PartnerCenter.Http;

namespace O365Functions.PartnerCenter.Auth;

/// <summary>
/// Tokens by Microsoft's Secure Application Model: the partner user's stored refresh token is exchanged (v1 endpoint,
/// <c>grant_type=refresh_token</c>) for an access token per audience and tenant. Every exchange returns a rotated
/// refresh token, which is written back to the secret store before the access token is used, so the chain never
/// idles out while the gateway runs. Exchanges are serialised so a slower one never stores an older token over a
/// newer one. A refused refresh token raises <see cref="ConsentRequiredException"/> instead of being retried.
/// </summary>
public sealed class SecureApplicationTokenSource : IAccessTokenSource, IDisposable
{
    private readonly HttpClient _http;
    private readonly ISecretStore _secrets;
    private readonly EntraTokenOptions _options;
    private readonly TimeProvider _time;
    private readonly MicrosoftRetry _retry;
    private readonly ConcurrentDictionary<string, AccessToken> _cache = new(StringComparer.OrdinalIgnoreCase);
    private readonly SemaphoreSlim _exchange = new(1, 1);

    /// <summary>Creates the source; the refresh token and client secret are read from <paramref name="secrets"/> on use.</summary>
    public SecureApplicationTokenSource(HttpClient http, ISecretStore secrets, EntraTokenOptions options, TimeProvider? time = null)
    {
        ArgumentNullException.ThrowIfNull(http);
        ArgumentNullException.ThrowIfNull(secrets);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _http = http;
        _secrets = secrets;
        _options = options;
        _time = time ?? TimeProvider.System;
        _retry = new MicrosoftRetry(options.MaxAttempts, options.FirstRetryDelay, options.MaxRetryDelay, _time);
    }

    /// <summary>An app+user token for <paramref name="audience"/> in <paramref name="tenantId"/> (the partner's when null).</summary>
    public async ValueTask<AccessToken> GetTokenAsync(string audience, string? tenantId = null, CancellationToken cancellationToken = default)
    {
        var key = CacheKey("user", audience, tenantId);
        if (Fresh(key) is { } cached)
        {
            return cached;
        }

        await _exchange.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (Fresh(key) is { } raced)
            {
                return raced;
            }

            var refreshToken = await _secrets.GetAsync(_options.RefreshTokenName, cancellationToken).ConfigureAwait(false)
                ?? throw new ConsentRequiredException(ConsentProblem.NoRefreshToken, null);
            var reply = await RequestAsync(tenantId, new Dictionary<string, string>
            {
                ["grant_type"] = "refresh_token",
                ["refresh_token"] = refreshToken.Reveal(),
                ["resource"] = audience,
                ["scope"] = "openid",
            }, cancellationToken).ConfigureAwait(false);
            if (reply.RefreshToken is { Length: > 0 } rotated)
            {
                await _secrets.SetAsync(_options.RefreshTokenName, rotated, cancellationToken).ConfigureAwait(false);
            }

            return _cache[key] = reply.AccessToken;
        }
        finally
        {
            _exchange.Release();
        }
    }

    /// <summary>
    /// Where a partner admin gives consent: Entra's v1 authorize endpoint for this app registration, asking for a code
    /// for <paramref name="audience"/> that Entra sends back to <paramref name="redirectUri"/> with <paramref name="state"/>.
    /// </summary>
    public Uri AuthorizeUri(Uri redirectUri, string audience, string state)
    {
        ArgumentNullException.ThrowIfNull(redirectUri);
        var query = string.Join('&', new Dictionary<string, string>
        {
            ["client_id"] = _options.ClientId,
            ["response_type"] = "code",
            ["redirect_uri"] = redirectUri.AbsoluteUri,
            ["resource"] = audience,
            ["state"] = state,
            ["prompt"] = "consent",
        }.Select(p => $"{p.Key}={Uri.EscapeDataString(p.Value)}"));
        return new Uri(_options.AuthorityHost, $"{Uri.EscapeDataString(_options.PartnerTenantId)}/oauth2/authorize?{query}");
    }

    /// <summary>
    /// Redeems the code Entra sent to <paramref name="redirectUri"/> after a consent and says whether the tokens show
    /// multi-factor authentication (the <c>amr</c> claim of the id token, or of the access token where it is a readable
    /// JWT; null when neither can be read). The refresh token is stored only when the consent is accepted: a sign-in
    /// without MFA (or, with <paramref name="refuseUnknownMultiFactor"/>, one whose MFA cannot be read) is refused with
    /// <see cref="ConsentRequiredException"/>, since Partner Center requires MFA for app+user tokens.
    /// </summary>
    public async Task<bool?> RedeemAuthorizationCodeAsync(
        string code, Uri redirectUri, string audience, bool refuseUnknownMultiFactor = false, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(code);
        ArgumentNullException.ThrowIfNull(redirectUri);
        await _exchange.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var reply = await RequestAsync(null, new Dictionary<string, string>
            {
                ["grant_type"] = "authorization_code",
                ["code"] = code,
                ["redirect_uri"] = redirectUri.AbsoluteUri,
                ["resource"] = audience,
            }, cancellationToken).ConfigureAwait(false);
            if (reply.RefreshToken is not { Length: > 0 } refreshToken)
            {
                throw new EntraTokenException("Entra redeemed the consent's code without a refresh token; the app registration must allow offline access.");
            }

            var multiFactor = MultiFactorClaim.Read(reply.IdToken) ?? MultiFactorClaim.Read(reply.AccessToken.Reveal());
            if (multiFactor == false || (multiFactor is null && refuseUnknownMultiFactor))
            {
                throw new ConsentRequiredException(multiFactor == false
                    ? "The consent was given in a sign-in without multi-factor authentication, and Partner Center requires MFA for app+user tokens. The partner's admin must sign in with MFA and consent again."
                    : "The tokens of the consent do not say whether the sign-in used multi-factor authentication, and this gateway requires it to be shown. The partner's admin must consent again with MFA.");
            }

            await _secrets.SetAsync(_options.RefreshTokenName, refreshToken, cancellationToken).ConfigureAwait(false);
            _cache[CacheKey("user", audience, null)] = reply.AccessToken;
            return multiFactor;
        }
        finally
        {
            _exchange.Release();
        }
    }

    /// <summary>An app-only token (client credentials) for calls that need no user, such as webhook registration.</summary>
    public async ValueTask<AccessToken> GetAppOnlyTokenAsync(string audience, string? tenantId = null, CancellationToken cancellationToken = default)
    {
        var key = CacheKey("app", audience, tenantId);
        if (Fresh(key) is { } cached)
        {
            return cached;
        }

        var reply = await RequestAsync(tenantId, new Dictionary<string, string>
        {
            ["grant_type"] = "client_credentials",
            ["resource"] = audience,
        }, cancellationToken).ConfigureAwait(false);
        return _cache[key] = reply.AccessToken;
    }

    /// <inheritdoc />
    public void Forget(string audience, string? tenantId = null)
    {
        _cache.TryRemove(CacheKey("user", audience, tenantId), out _);
        _cache.TryRemove(CacheKey("app", audience, tenantId), out _);
    }

    /// <inheritdoc />
    public void Dispose() => _exchange.Dispose();

    private AccessToken? Fresh(string key) =>
        _cache.TryGetValue(key, out var token) && token.ExpiresOn - _options.ExpiryBuffer > _time.GetUtcNow() ? token : null;

    private string CacheKey(string flow, string audience, string? tenantId) => $"{flow}|{audience}|{tenantId ?? _options.PartnerTenantId}";

    private async Task<TokenReply> RequestAsync(string? tenantId, Dictionary<string, string> fields, CancellationToken cancellationToken)
    {
        var secret = await _secrets.GetAsync(_options.ClientSecretName, cancellationToken).ConfigureAwait(false)
            ?? throw new EntraTokenException($"The app registration's client secret is not in the secret store under '{_options.ClientSecretName}'.");
        fields["client_id"] = _options.ClientId;
        fields["client_secret"] = secret.Reveal();
        var endpoint = new Uri(_options.AuthorityHost, $"{Uri.EscapeDataString(tenantId ?? _options.PartnerTenantId)}/oauth2/token");
        HttpResponseMessage response;
        try
        {
            // A token request changes nothing that repeating it could double, so a lost connection is tried again too.
            response = await _retry.SendAsync(
                static async (call, attempt) =>
                {
                    using var form = new FormUrlEncodedContent(call.Fields);
                    return await call.Http.PostAsync(call.Endpoint, form, attempt).ConfigureAwait(false);
                },
                (Http: _http, Endpoint: endpoint, Fields: fields),
                repeatWhenLost: true,
                cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception) when (MicrosoftRetry.IsLostConnection(exception, cancellationToken))
        {
            throw new EntraTokenException($"Entra at {endpoint.Host} could not be reached.", exception);
        }

        using (response)
        {
            var body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            return response.IsSuccessStatusCode ? Parse(body) : throw Refusal(response.StatusCode, body);
        }
    }

    private TokenReply Parse(string body)
    {
        using var document = JsonDocument.Parse(body);
        var root = document.RootElement;
        var accessToken = Text(root, "access_token") ?? throw new EntraTokenException("Entra answered without an access token.");
        var now = _time.GetUtcNow();
        var expiresOn = Text(root, "expires_on") is { } on && long.TryParse(on, NumberStyles.Integer, CultureInfo.InvariantCulture, out var epoch)
            ? DateTimeOffset.FromUnixTimeSeconds(epoch)
            : now.AddSeconds(Text(root, "expires_in") is { } inText && int.TryParse(inText, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds) ? seconds : 3600);
        return new TokenReply(new AccessToken(accessToken, expiresOn), Text(root, "refresh_token"), Text(root, "id_token"));
    }

    /// <summary>Classifies Entra's refusal; only <c>invalid_grant</c> means consent, the rest is configuration or outage.</summary>
    private static Exception Refusal(HttpStatusCode status, string body)
    {
        string? error = null;
        string? code = null;
        try
        {
            using var document = JsonDocument.Parse(body);
            error = Text(document.RootElement, "error");
            var description = Text(document.RootElement, "error_description") ?? string.Empty;
            code = description.StartsWith("AADSTS", StringComparison.Ordinal) ? description.Split(':')[0] : null;
        }
        catch (JsonException)
        {
        }

        if (error == "invalid_grant" || code is "AADSTS65001")
        {
            return new ConsentRequiredException(code switch
            {
                "AADSTS700082" => ConsentProblem.ExpiredByInactivity,
                "AADSTS50173" or "AADSTS70008" or "AADSTS70043" or "AADSTS50076" => ConsentProblem.Revoked,
                "AADSTS65001" => ConsentProblem.ConsentMissing,
                _ => ConsentProblem.Other,
            }, code);
        }

        return new EntraTokenException($"Entra refused the token request with {(int)status} {error ?? "(no error code)"}{(code is null ? string.Empty : $" ({code})")}.");
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value)
            ? value.ValueKind == JsonValueKind.String ? value.GetString() : value.ValueKind == JsonValueKind.Number ? value.GetRawText() : null
            : null;

    private sealed record TokenReply(AccessToken AccessToken, string? RefreshToken, string? IdToken);
}
