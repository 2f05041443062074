namespace O365Functions.Core.Catalog;

/// <summary>
/// The offers a new local gateway starts with: the examples of Microsoft's "adding new Office 365 offers" procedure
/// for the CSP scenario, so that a provider can try a full order without configuring a catalog first.
/// </summary>
/// <remarks>
/// Quantity bounds are defaults (Business Premium is capped at 300 seats by Microsoft; the others use the common
/// legacy cap). Catalog synchronisation replaces them with Partner Center's <c>minimumQuantity</c> and
/// <c>maximumQuantity</c> where it runs.
/// </remarks>
public static class StarterCatalog
{
    /// <summary>Office 365 Business Premium, with its trial offer.</summary>
    public static LicenseType BusinessPremium { get; } = new()
    {
        ProvisioningId = "O365_BUSINESS_PREMIUM",
        Name = "Office 365 Business Premium",
        OfferId = "031c9e47-4802-4248-838e-778fb1d2cc05",
        TrialOfferId = "c0bd2e08-11ac-4836-bdc7-3712e744922f",
        AssignableToUsers = true,
        Quantity = new QuantityBounds(1, 300),
    };

    /// <summary>Skype for Business Online (Plan 2).</summary>
    public static LicenseType SkypeForBusinessPlan2 { get; } = new()
    {
        ProvisioningId = "MCOSTANDARD",
        Name = "Skype for Business Online (Plan 2)",
        OfferId = "14c61739-b45a-42c0-832c-d330972d3173",
        AssignableToUsers = true,
    };

    /// <summary>Office 365 Enterprise E3.</summary>
    public static LicenseType EnterpriseE3 { get; } = new()
    {
        ProvisioningId = "ENTERPRISEPACK",
        Name = "Office 365 Enterprise E3",
        OfferId = "796b6b5f-613c-4e24-a17c-eba730d49c02",
        AssignableToUsers = true,
    };

    /// <summary>Office 365 Enterprise E1, upgradable to E3.</summary>
    public static LicenseType EnterpriseE1 { get; } = new()
    {
        ProvisioningId = "STANDARDPACK",
        Name = "Office 365 Enterprise E1",
        OfferId = "91fd106f-4b2c-4938-95ac-f54f74e9a239",
        AssignableToUsers = true,
        PossibleUpgrades = [EnterpriseE3.ProvisioningId],
    };

    /// <summary>Office 365 Extra File Storage, a tenant-wide add-on of Business Premium.</summary>
    public static AddonType ExtraFileStorage { get; } = new()
    {
        ProvisioningId = "SHAREPOINTSTORAGE",
        Name = "Office 365 Extra File Storage",
        OfferId = "53fc25f7-6639-4f78-bb44-3c2dfec3ed40",
        AssignableToUsers = false,
        PossibleParentOffers = [BusinessPremium.ProvisioningId],
    };

    /// <summary>Exchange Online Archiving for Exchange Online, an add-on of Business Premium.</summary>
    public static AddonType ExchangeOnlineArchiving { get; } = new()
    {
        ProvisioningId = "EXCHANGEARCHIVE_ADDON",
        Name = "Exchange Online Archiving for Exchange Online",
        OfferId = "2828be95-46ba-4f91-b2fd-0bef192ecf60",
        AssignableToUsers = true,
        PossibleParentOffers = [BusinessPremium.ProvisioningId],
    };

    /// <summary>Exchange Online Advanced Threat Protection, an add-on of Business Premium.</summary>
    public static AddonType AdvancedThreatProtection { get; } = new()
    {
        ProvisioningId = "ATP_ENTERPRISE",
        Name = "Exchange Online Advanced Threat Protection",
        OfferId = "a2706f86-868d-4048-989b-0c69e5c76b63",
        AssignableToUsers = true,
        PossibleParentOffers = [BusinessPremium.ProvisioningId],
    };

    /// <summary>Phone System, an add-on of Skype for Business Online (Plan 2), Enterprise E1 or Enterprise E3.</summary>
    public static AddonType PhoneSystem { get; } = new()
    {
        ProvisioningId = "MCOEV",
        Name = "Phone System",
        OfferId = "4260988e-990d-479c-ae7b-f01ce8e1bb4d",
        AssignableToUsers = true,
        PossibleParentOffers = [SkypeForBusinessPlan2.ProvisioningId, EnterpriseE1.ProvisioningId, EnterpriseE3.ProvisioningId],
    };

    /// <summary>A new catalog holding all of the offers above.</summary>
    public static OfferCatalog Create() => new(
    [
        BusinessPremium,
        SkypeForBusinessPlan2,
        EnterpriseE1,
        EnterpriseE3,
        ExtraFileStorage,
        ExchangeOnlineArchiving,
        AdvancedThreatProtection,
        PhoneSystem,
    ]);
}
