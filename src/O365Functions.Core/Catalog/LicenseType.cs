namespace O365Functions.Core.Catalog;

/// <summary>A top-level Microsoft offer: it needs no other subscription to be bought.</summary>
public sealed record LicenseType : OfferType
{
    /// <summary>The offer id of the free trial of this offer, where Microsoft has one.</summary>
    public string? TrialOfferId { get; init; }

    /// <summary>Provisioning ids of the license types a subscription of this type may be upgraded to.</summary>
    public IReadOnlyList<string> PossibleUpgrades { get; init; } = [];
}
