namespace O365Functions.PartnerCenter.Auth;

/// <summary>Why Entra will not exchange the stored refresh token; each needs a person to consent again.</summary>
public enum ConsentProblem
{
    /// <summary>The refresh token was not used for 90 days (AADSTS700082).</summary>
    ExpiredByInactivity,

    /// <summary>The token or the user's sessions were revoked, or a sign-in policy demands a new sign-in (AADSTS50173, AADSTS70008, AADSTS70043, AADSTS50076).</summary>
    Revoked,

    /// <summary>The app lacks the user's or an admin's consent (AADSTS65001).</summary>
    ConsentMissing,

    /// <summary>No refresh token is stored yet.</summary>
    NoRefreshToken,

    /// <summary>Another <c>invalid_grant</c>.</summary>
    Other,
}
