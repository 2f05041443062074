using System.Security.Cryptography;
using System.Text;

namespace O365Functions.Api.Aps.Authentication;

/// <summary>
/// OAuth 1.0 HMAC-SHA1 signatures (RFC 5849 §3.4) for two-legged requests: no token, so the key is the encoded
/// consumer secret followed by <c>&amp;</c>.
/// </summary>
public static class OAuthSignature
{
    /// <summary>The signature of a request: its method, its URL without query, and every query and OAuth parameter but the signature.</summary>
    public static string Compute(string method, Uri url, IEnumerable<KeyValuePair<string, string>> parameters, string consumerSecret)
    {
        ArgumentNullException.ThrowIfNull(url);
        var normalized = string.Join('&', parameters
            .Where(p => p.Key != "oauth_signature" && p.Key != "realm")
            .Select(p => (Name: Encode(p.Key), Value: Encode(p.Value)))
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .ThenBy(p => p.Value, StringComparer.Ordinal)
            .Select(p => $"{p.Name}={p.Value}"));
        var baseString = $"{method.ToUpperInvariant()}&{Encode(BaseStringUri(url))}&{Encode(normalized)}";
        var key = Encoding.ASCII.GetBytes(Encode(consumerSecret) + "&");
#pragma warning disable CA5350 // OAuth 1.0a as APS uses it is HMAC-SHA1; the protocol fixes the algorithm.
        return Convert.ToBase64String(HMACSHA1.HashData(key, Encoding.UTF8.GetBytes(baseString)));
#pragma warning restore CA5350
    }

    /// <summary>Percent-encodes as RFC 3986 requires: everything but letters, digits and <c>-._~</c>.</summary>
    public static string Encode(string value) => Uri.EscapeDataString(value);

    private static string BaseStringUri(Uri url)
    {
        var defaultPort = url.Scheme == Uri.UriSchemeHttps ? 443 : 80;
        var port = url.Port == defaultPort ? string.Empty : $":{url.Port}";
        return $"{url.Scheme.ToLowerInvariant()}://{url.Host.ToLowerInvariant()}{port}{url.AbsolutePath}";
    }
}
