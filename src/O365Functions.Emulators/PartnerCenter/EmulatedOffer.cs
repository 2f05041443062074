namespace O365Functions.Emulators.PartnerCenter;

/// <summary>A legacy offer in the emulated catalog.</summary>
internal sealed record EmulatedOffer(
    string Id,
    string Name,
    int MinimumQuantity,
    int MaximumQuantity,
    bool IsTrial,
    IReadOnlyList<string> Prerequisites,
    IReadOnlyList<string> UpgradeTargets,
    IReadOnlyList<string> ConversionTargets)
{
    public bool IsAddOn => Prerequisites.Count > 0;
}
