namespace O365Functions.PartnerCenter.Models;

/// <summary>A possible upgrade of a subscription to another offer.</summary>
public sealed record Upgrade
{
    /// <summary>The offer to upgrade to.</summary>
    public Offer? TargetOffer { get; init; }

    /// <summary><c>upgrade_only</c> or <c>upgrade_with_license_transfer</c>.</summary>
    public string? UpgradeType { get; init; }

    /// <summary>Whether it is possible now.</summary>
    public bool IsEligible { get; init; }

    /// <summary>How many licenses move.</summary>
    public int Quantity { get; init; }

    /// <summary>Why the upgrade is not eligible, when it is not.</summary>
    public IReadOnlyList<UpgradeError> UpgradeErrors { get; init; } = [];
}
