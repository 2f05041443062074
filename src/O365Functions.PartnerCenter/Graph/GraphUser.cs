namespace O365Functions.PartnerCenter.Graph;

/// <summary>A Microsoft Graph user (the properties the gateway manages).</summary>
public sealed record GraphUser
{
    /// <summary>The object id.</summary>
    public string? Id { get; init; }

    /// <summary>Whether the account can sign in.</summary>
    public bool AccountEnabled { get; init; } = true;

    /// <summary>Display name.</summary>
    public string? DisplayName { get; init; }

    /// <summary>Mail alias.</summary>
    public string? MailNickname { get; init; }

    /// <summary>Sign-in name; its domain must be verified in the tenant.</summary>
    public string? UserPrincipalName { get; init; }

    /// <summary>Two-letter country; Graph refuses licenses without it.</summary>
    public string? UsageLocation { get; init; }

    /// <summary>The initial password, on create only.</summary>
    public GraphPasswordProfile? PasswordProfile { get; init; }

    /// <summary>The licenses assigned.</summary>
    public IReadOnlyList<AssignedLicense>? AssignedLicenses { get; init; }
}
