namespace O365Functions.Api.Aps.Authentication;

/// <summary>How an instance's controller proves itself, as stored in the instance's settings.</summary>
public static class ApsAuthenticationModes
{
    /// <summary>The controller presents the certificate it sent at install as <c>aps.x509.controller</c>.</summary>
    public const string Certificate = "certificate";

    /// <summary>The controller signs every request with the gateway's OAuth consumer key and secret.</summary>
    public const string OAuth = "oauth";
}
