namespace O365Functions.PartnerCenter.Models;

/// <summary>A user in a customer tenant.</summary>
public sealed record CustomerUser
{
    /// <summary>The user's object id.</summary>
    public string? Id { get; init; }

    /// <summary>The sign-in name.</summary>
    public string? UserPrincipalName { get; init; }

    /// <summary>Given name.</summary>
    public string? FirstName { get; init; }

    /// <summary>Family name.</summary>
    public string? LastName { get; init; }

    /// <summary>Display name.</summary>
    public string? DisplayName { get; init; }

    /// <summary>Two-letter country where licenses are used; required before licenses are assigned.</summary>
    public string? UsageLocation { get; init; }

    /// <summary>The initial password, on create only.</summary>
    public PasswordProfile? PasswordProfile { get; init; }
}
