namespace O365Functions.PartnerCenter.Auth;

/// <summary>The resources (v1 <c>resource</c> values) the gateway asks Entra for tokens to.</summary>
public static class TokenAudiences
{
    /// <summary>The Partner Center API.</summary>
    public const string PartnerCenter = "https://api.partnercenter.microsoft.com";

    /// <summary>Microsoft Graph.</summary>
    public const string Graph = "https://graph.microsoft.com";
}
