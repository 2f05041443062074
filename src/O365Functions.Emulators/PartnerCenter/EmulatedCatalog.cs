namespace O365Functions.Emulators.PartnerCenter;

/// <summary>
/// The offers and new-commerce products the emulator sells: the local gateway's starter offers (the same offer ids)
/// and one new-commerce product, enough for every catalog call to answer something real.
/// </summary>
internal static class EmulatedCatalog
{
    public const string BusinessPremiumTrial = "c0bd2e08-11ac-4836-bdc7-3712e744922f";
    public const string BusinessPremium = "031c9e47-4802-4248-838e-778fb1d2cc05";
    public const string ExtraFileStorage = "53fc25f7-6639-4f78-bb44-3c2dfec3ed40";
    public const string ExchangeArchiving = "2828be95-46ba-4f91-b2fd-0bef192ecf60";
    public const string ThreatProtection = "a2706f86-868d-4048-989b-0c69e5c76b63";
    public const string E1 = "91fd106f-4b2c-4938-95ac-f54f74e9a239";
    public const string E3 = "796b6b5f-613c-4e24-a17c-eba730d49c02";
    public const string SkypePlan2 = "14c61739-b45a-42c0-832c-d330972d3173";
    public const string PhoneSystem = "4260988e-990d-479c-ae7b-f01ce8e1bb4d";

    public static IReadOnlyList<EmulatedOffer> Offers { get; } =
    [
        new(BusinessPremiumTrial, "Office 365 Business Premium Trial", 25, 25, IsTrial: true, Prerequisites: [], UpgradeTargets: [], ConversionTargets: [BusinessPremium]),
        new(BusinessPremium, "Office 365 Business Premium", 1, 300, IsTrial: false, Prerequisites: [], UpgradeTargets: [], ConversionTargets: []),
        new(E1, "Office 365 Enterprise E1", 1, 10000, IsTrial: false, Prerequisites: [], UpgradeTargets: [E3], ConversionTargets: []),
        new(E3, "Office 365 Enterprise E3", 1, 10000, IsTrial: false, Prerequisites: [], UpgradeTargets: [], ConversionTargets: []),
        new(SkypePlan2, "Skype for Business Online (Plan 2)", 1, 10000, IsTrial: false, Prerequisites: [], UpgradeTargets: [], ConversionTargets: []),
        new(PhoneSystem, "Phone System", 1, 10000, IsTrial: false, Prerequisites: [E1, E3, SkypePlan2], UpgradeTargets: [], ConversionTargets: []),
        new(ExtraFileStorage, "Office 365 Extra File Storage", 1, 10000, IsTrial: false, Prerequisites: [BusinessPremium], UpgradeTargets: [], ConversionTargets: []),
        new(ExchangeArchiving, "Exchange Online Archiving for Exchange Online", 1, 10000, IsTrial: false, Prerequisites: [BusinessPremium], UpgradeTargets: [], ConversionTargets: []),
        new(ThreatProtection, "Exchange Online Advanced Threat Protection", 1, 10000, IsTrial: false, Prerequisites: [BusinessPremium], UpgradeTargets: [], ConversionTargets: []),
    ];

    public const string ProductId = "CFQ7TTC0LF8R";
    public const string SkuId = "0001";
    public const string AvailabilityId = "CFQ7TTC0K5BF";

    public static string CatalogItemId => $"{ProductId}:{SkuId}:{AvailabilityId}";

    /// <summary>The most seats one subscription of the new-commerce SKU may have.</summary>
    public const int MaximumSeats = 2500;

    public static EmulatedOffer? Offer(string id) => Offers.FirstOrDefault(o => o.Id.Equals(id, StringComparison.OrdinalIgnoreCase));
}
