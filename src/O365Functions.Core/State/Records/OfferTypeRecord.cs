namespace O365Functions.Core.State.Records;

/// <summary>A license or add-on type of one instance's catalog, as the provider defined it.</summary>
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
    int MaximumQuantity);
