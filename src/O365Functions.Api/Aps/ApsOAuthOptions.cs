namespace O365Functions.Api.Aps;

/// <summary>OAuth 1.0a authentication (HMAC-SHA1, two-legged): the controller signs every request with a shared key and secret.</summary>
public sealed class ApsOAuthOptions
{
    /// <summary>Whether instances may be installed in OAuth mode.</summary>
    public bool Enabled { get; set; }

    /// <summary>The consumer key the controller signs with.</summary>
    public string? ConsumerKey { get; set; }

    /// <summary>The name, in the secret store (Key Vault on Azure), of the consumer secret.</summary>
    public string ConsumerSecretName { get; set; } = "aps-oauth-consumer-secret";

    /// <summary>
    /// The gateway's external base URL (<c>https://host[:port]</c>) the controller signs, when a TLS-terminating
    /// proxy sits in front; the request's own scheme and host otherwise.
    /// </summary>
    public Uri? ExternalBaseUri { get; set; }

    /// <summary>
    /// How long the consumer secret read from the secret store is used before it is read again: a rotated secret takes
    /// effect within it, and requests (signed well or not) cause at most one secret-store read per interval.
    /// </summary>
    public TimeSpan SecretRereadInterval { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How far a request's <c>oauth_timestamp</c> may be from the gateway's clock either way.</summary>
    public TimeSpan TimestampWindow { get; set; } = TimeSpan.FromMinutes(5);
}
