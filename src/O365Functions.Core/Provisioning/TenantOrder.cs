namespace O365Functions.Core.Provisioning;

/// <summary>
/// A tenant as the APS controller ordered it, frozen when the order was accepted: the organization, and the plan the
/// instance's catalog resolved it into. A workflow works from this and never re-reads the catalog, so a provider's
/// catalog edit made while it runs cannot change what it buys.
/// </summary>
/// <param name="InstanceId">The APS application instance.</param>
/// <param name="TenantApsId">The tenant's APS resource id.</param>
/// <param name="DomainPrefix">A new organization's initial domain prefix (<c>&lt;prefix&gt;.onmicrosoft.com</c>).</param>
/// <param name="ExistingTenantDomain">An existing organization to link through the reseller relationship.</param>
/// <param name="CompanyName">The organization's name.</param>
/// <param name="Country">ISO 3166-1 alpha-2.</param>
/// <param name="Address">The billing address.</param>
/// <param name="Contact">Who accepts the Microsoft Customer Agreement and is billed.</param>
/// <param name="Culture">The billing culture, such as <c>en-US</c>.</param>
/// <param name="Language">The billing language, such as <c>en</c>.</param>
/// <param name="ResellerMpnId">In the indirect model, the reseller Microsoft records as partner of record.</param>
/// <param name="Plan">The subscriptions wanted, every parent before its add-ons.</param>
/// <param name="Commerce">Where in Commerce the order came from, and what it read there.</param>
public sealed record TenantOrder(
    string InstanceId,
    string TenantApsId,
    string? DomainPrefix,
    string? ExistingTenantDomain,
    string CompanyName,
    string Country,
    PostalAddress? Address,
    TenantContact? Contact,
    string? Culture,
    string? Language,
    string? ResellerMpnId,
    IReadOnlyList<PlannedSubscription> Plan,
    CommerceOrigin? Commerce = null)
{
    /// <summary>The organization's primary domain: the new <c>.onmicrosoft.com</c> domain or the existing one.</summary>
    public string Domain => ExistingTenantDomain ?? $"{DomainPrefix}.onmicrosoft.com".ToLowerInvariant();
}

/// <summary>Where in CloudBlue Commerce a tenant's order came from.</summary>
/// <param name="AccountApsId">The customer's account.</param>
/// <param name="SubscriptionApsId">The customer's subscription, whose limits are the seats.</param>
/// <param name="SeatLimits">The limits read when the order was accepted, by provisioning id.</param>
/// <param name="DerivedPrefix">Whether the domain prefix was made from the company name, so another may be chosen when it is taken.</param>
/// <param name="BillingEmail">The account's billing contact's email, for Microsoft's billing profile.</param>
public sealed record CommerceOrigin(
    string? AccountApsId, string SubscriptionApsId, IReadOnlyDictionary<string, long> SeatLimits, bool DerivedPrefix = false, string? BillingEmail = null);

/// <summary>A postal address as the APS resource carries it.</summary>
public sealed record PostalAddress(string? AddressLine1, string? AddressLine2, string? City, string? State, string? PostalCode);

/// <summary>The customer's contact person.</summary>
public sealed record TenantContact(string? FirstName, string? LastName, string? Email, string? Phone);

/// <summary>One subscription a tenant should hold.</summary>
/// <param name="ProvisioningId">The provider's id of the license or add-on type.</param>
/// <param name="OfferId">A legacy offer id or a new-commerce catalog item id (<c>product:sku:availability</c>).</param>
/// <param name="Quantity">Seats.</param>
/// <param name="ParentProvisioningId">An add-on's parent in the plan.</param>
/// <param name="Depth">0 for a license type, one more than its parent's for an add-on.</param>
/// <param name="TermDuration">A new-commerce item's term (<c>P1M</c>, <c>P1Y</c>, <c>P3Y</c>).</param>
/// <param name="BillingCycle"><c>monthly</c> or <c>annual</c>.</param>
/// <param name="Trial">Whether <paramref name="OfferId"/> is the license type's trial offer.</param>
public sealed record PlannedSubscription(
    string ProvisioningId, string OfferId, int Quantity, string? ParentProvisioningId, int Depth, string? TermDuration, string BillingCycle, bool Trial = false)
{
    /// <summary>New-commerce items are named <c>product:sku:availability</c>; legacy offers by a GUID.</summary>
    public bool IsNewCommerce => OfferId.Contains(':', StringComparison.Ordinal);
}
