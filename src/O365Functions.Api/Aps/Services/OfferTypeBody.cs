namespace O365Functions.Api.Aps.Services;

/// <summary>A <c>licenseTypes</c> or <c>addonTypes</c> resource as the controller sends it.</summary>
internal sealed record OfferTypeBody
{
    public string? Name { get; init; }

    public string? OfferId { get; init; }

    public string? TrialOfferId { get; init; }

    public string? ProvisioningId { get; init; }

    public bool? AssignableToUsers { get; init; }

    public IReadOnlyList<string>? PossibleUpgrades { get; init; }

    public IReadOnlyList<string>? PossibleParentOffers { get; init; }

    public string? TermDuration { get; init; }

    public string? BillingCycle { get; init; }

    public long? MinimumQuantity { get; init; }

    public long? MaximumQuantity { get; init; }
}
