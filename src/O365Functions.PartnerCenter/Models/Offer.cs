namespace O365Functions.PartnerCenter.Models;

/// <summary>A legacy catalog offer.</summary>
public sealed record Offer
{
    /// <summary>The offer id.</summary>
    public string? Id { get; init; }

    /// <summary>The offer name.</summary>
    public string? Name { get; init; }

    /// <summary>Smallest quantity per purchase.</summary>
    public int MinimumQuantity { get; init; }

    /// <summary>Largest quantity per purchase.</summary>
    public int MaximumQuantity { get; init; }

    /// <summary>True for add-ons.</summary>
    public bool IsAddOn { get; init; }

    /// <summary>The offers this add-on needs one of.</summary>
    public IReadOnlyList<string> PrerequisiteOffers { get; init; } = [];

    /// <summary>Offers this one upgrades to.</summary>
    public IReadOnlyList<string> UpgradeTargetOffers { get; init; } = [];

    /// <summary>True for trials.</summary>
    public bool IsTrial { get; init; }

    /// <summary>False when it can no longer be bought.</summary>
    public bool IsAvailableForPurchase { get; init; }
}
