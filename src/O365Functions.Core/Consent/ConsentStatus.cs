namespace O365Functions.Core.Consent;

/// <summary>The values of an instance's <c>authenticationStatus</c>.</summary>
public static class ConsentStatus
{
    /// <summary>No refresh token was tried yet.</summary>
    public const string NotAuthenticated = "notAuthenticated";

    /// <summary>A token exchange succeeded with the stored refresh token.</summary>
    public const string Authenticated = "authenticated";

    /// <summary>Microsoft refused the refresh token; a partner admin must consent again.</summary>
    public const string ConsentRequired = "consentRequired";
}
