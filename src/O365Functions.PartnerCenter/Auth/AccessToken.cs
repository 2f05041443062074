namespace O365Functions.PartnerCenter.Auth;

/// <summary>A bearer token and when it expires. Printing it shows the expiry only, never the token.</summary>
public sealed class AccessToken(string value, DateTimeOffset expiresOn)
{
    /// <summary>When Entra stops accepting the token.</summary>
    public DateTimeOffset ExpiresOn { get; } = expiresOn;

    /// <summary>The token text, for the <c>Authorization</c> header only.</summary>
    public string Reveal() => value;

    /// <inheritdoc />
    public override string ToString() => $"AccessToken {{ ExpiresOn = {ExpiresOn:O}, Value = *** }}";
}
