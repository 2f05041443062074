namespace O365Functions.Core.State.Records;

/// <summary>A license or add-on type of one instance's catalog, as the provider defined it.</summary>
/// <param name="InstanceId">The APS instance whose catalog it belongs to.</param>
/// <param name="Kind"><c>license</c> or <c>addon</c>.</param>
/// <param name="ProvisioningId">The provider's id for the offer, unique within the instance.</param>
/// <param name="Name">The name customers see.</param>
/// <param name="OfferId">A legacy offer id or a new-commerce catalog item id.</param>
/// <param name="TrialOfferId">A license type's trial offer.</param>
/// <param name="AssignableToUsers">Whether users can be given this license.</param>
/// <param name="PossibleUpgrades">A license type's upgrade targets (provisioning ids).</param>
/// <param name="PossibleParentOffers">An add-on type's parents (provisioning ids), in the provider's order of preference.</param>
/// <param name="MinimumQuantity">The fewest seats one purchase may have.</param>
/// <param name="MaximumQuantity">The most seats one purchase may have.</param>
/// <param name="ApsId">The APS resource id of the type.</param>
/// <param name="TermDuration">A new-commerce item's term (<c>P1M</c>, <c>P1Y</c>, <c>P3Y</c>).</param>
/// <param name="BillingCycle">A new-commerce item's billing cycle; the instance's default when absent.</param>
/// <param name="Withdrawn">Whether catalog sync found the offer gone from Microsoft's catalog (kept, not deleted).</param>
public sealed record OfferTypeRecord(
    string InstanceId,
    string Kind,
    string ProvisioningId,
    string Name,
    string OfferId,
    string? TrialOfferId,
    bool AssignableToUsers,
    IReadOnlyList<string> PossibleUpgrades,
    IReadOnlyList<string> PossibleParentOffers,
    int MinimumQuantity,
    int MaximumQuantity,
    string? ApsId = null,
    string? TermDuration = null,
    string? BillingCycle = null,
    bool Withdrawn = false);
