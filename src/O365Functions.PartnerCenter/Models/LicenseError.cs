namespace O365Functions.PartnerCenter.Models;

/// <summary>
/// A user whose licenses an upgrade with license transfer did not move. The documentation names the user's fields and
/// an <c>errors</c> list without its shape; its entries are read as code and description.
/// </summary>
public sealed record LicenseError
{
    /// <summary>The user's Entra object id.</summary>
    public string? UserObjectId { get; init; }

    /// <summary>The user's name.</summary>
    public string? Name { get; init; }

    /// <summary>The user's email address.</summary>
    public string? Email { get; init; }

    /// <summary>What went wrong for this user.</summary>
    public IReadOnlyList<UpgradeError> Errors { get; init; } = [];
}
