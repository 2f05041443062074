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
}
