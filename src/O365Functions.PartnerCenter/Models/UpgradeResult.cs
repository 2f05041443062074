namespace O365Functions.PartnerCenter.Models;

/// <summary>What an upgrade did.</summary>
public sealed record UpgradeResult
{
    /// <summary>The subscription upgraded from.</summary>
    public string? SourceSubscriptionId { get; init; }

    /// <summary>The subscription upgraded to.</summary>
    public string? TargetSubscriptionId { get; init; }

    /// <summary>The kind of upgrade.</summary>
    public string? UpgradeType { get; init; }

    /// <summary>Why the upgrade did not happen; a 200 can carry these.</summary>
    public IReadOnlyList<UpgradeError> UpgradeErrors { get; init; } = [];

    /// <summary>Users whose licenses were not transferred; a 200 can carry these.</summary>
    public IReadOnlyList<LicenseError> LicenseErrors { get; init; } = [];
}
