using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using O365Functions.Core.Secrets;
using O365Functions.Core.Security;

namespace O365Functions.Api.Aps.Authentication;

/// <summary>
/// Checks an APS request's <c>Authorization: OAuth ...</c> header: HMAC-SHA1 with the configured consumer key and
/// secret over the external URL, a timestamp inside the window, and a nonce never seen before. Returns the reason a
/// request fails, which is logged; the client only learns that it was not authenticated. The secret is read from the
/// store again once <see cref="ApsOAuthOptions.SecretRereadInterval"/> has passed, so a rotated secret takes effect
/// without a restart.
/// </summary>
public sealed class OAuthRequestVerifier(IOptions<ApsOptions> options, ISecretStore secrets, OAuthNonceLedger nonces, TimeProvider time)
{
    private (SecretValue Value, DateTimeOffset ReadAt)? _secret;

    /// <summary>Null when the request is signed correctly and fresh; otherwise why not.</summary>
    public async Task<string?> VerifyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var settings = options.Value.OAuth;
        if (!settings.Enabled || string.IsNullOrEmpty(settings.ConsumerKey))
        {
            return "OAuth is not enabled on this gateway (Aps:OAuth:Enabled and Aps:OAuth:ConsumerKey).";
        }

        var header = request.Headers.Authorization.ToString();
        if (!header.StartsWith("OAuth ", StringComparison.OrdinalIgnoreCase))
        {
            return "the request has no OAuth Authorization header.";
        }

        var oauth = ParseHeader(header["OAuth ".Length..]);
        if (!oauth.TryGetValue("oauth_signature", out var signature)
            || !oauth.TryGetValue("oauth_consumer_key", out var key)
            || !oauth.TryGetValue("oauth_timestamp", out var timestampText)
            || !oauth.TryGetValue("oauth_nonce", out var nonce))
        {
            return "the OAuth header lacks oauth_signature, oauth_consumer_key, oauth_timestamp or oauth_nonce.";
        }

        if (!oauth.TryGetValue("oauth_signature_method", out var method) || method != "HMAC-SHA1")
        {
            return "the OAuth signature method is not HMAC-SHA1.";
        }

        if (!FixedTimeEquals(key, settings.ConsumerKey))
        {
            return "the OAuth consumer key is not the configured one.";
        }

        if (!long.TryParse(timestampText, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds) || seconds > DateTimeOffset.MaxValue.ToUnixTimeSeconds())
        {
            return "the OAuth timestamp is not a number of seconds.";
        }

        var timestamp = DateTimeOffset.FromUnixTimeSeconds(seconds);
        if ((time.GetUtcNow() - timestamp).Duration() > settings.TimestampWindow)
        {
            return $"the OAuth timestamp is more than {settings.TimestampWindow.TotalMinutes:0} minutes from the gateway's clock.";
        }

        var secret = await SecretAsync(settings, cancellationToken).ConfigureAwait(false);
        if (secret is null)
        {
            return $"the OAuth consumer secret '{settings.ConsumerSecretName}' is not in the secret store.";
        }

        var parameters = oauth.Concat(request.Query.SelectMany(q => q.Value.Select(v => new KeyValuePair<string, string>(q.Key, v ?? string.Empty))));
        var expected = OAuthSignature.Compute(request.Method, ExternalUrl(request, settings.ExternalBaseUri), parameters, secret.Reveal());
        if (!FixedTimeEquals(signature, expected))
        {
            return "the OAuth signature does not match the request.";
        }

        return await nonces.TryUseAsync(key, nonce, timestamp, cancellationToken).ConfigureAwait(false)
            ? null
            : "the OAuth nonce was used before (a replayed request).";
    }

    /// <summary>The consumer secret: the one read last while it is younger than the interval, otherwise read from the store again.</summary>
    private async Task<SecretValue?> SecretAsync(ApsOAuthOptions settings, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (_secret is { } held && now - held.ReadAt < settings.SecretRereadInterval)
        {
            return held.Value;
        }

        var read = await secrets.GetAsync(settings.ConsumerSecretName, cancellationToken).ConfigureAwait(false);
        _secret = read is null ? null : (read, now);
        return read;
    }

    private static Uri ExternalUrl(HttpRequest request, Uri? externalBase)
    {
        var path = request.PathBase.Add(request.Path).ToUriComponent();
        return externalBase is null
            ? new Uri($"{request.Scheme}://{request.Host.ToUriComponent()}{path}")
            : new Uri(externalBase, path);
    }

    private static Dictionary<string, string> ParseHeader(string value)
    {
        var parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var part in value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            var equals = part.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
            {
                continue;
            }

            var name = Uri.UnescapeDataString(part[..equals].Trim());
            var raw = part[(equals + 1)..].Trim().Trim('"');
            parameters[name] = Uri.UnescapeDataString(raw);
        }

        return parameters;
    }

    private static bool FixedTimeEquals(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(a), Encoding.UTF8.GetBytes(b));
}
