namespace O365Functions.Emulators.PartnerCenter;

/// <summary>What the emulated Partner Center holds for one customer, for tests to count and compare.</summary>
/// <param name="Id">The customer's tenant id.</param>
/// <param name="Domain">Its primary domain.</param>
/// <param name="Country">Its country.</param>
/// <param name="AgreementAttested">Whether the Microsoft Customer Agreement was attested.</param>
/// <param name="Orders">How many orders it has.</param>
/// <param name="Subscriptions">Its subscriptions.</param>
public sealed record EmulatedCustomerView(string Id, string Domain, string Country, bool AgreementAttested, int Orders, IReadOnlyList<EmulatedSubscriptionView> Subscriptions)
{
    /// <summary>The company name of its profile.</summary>
    public string? CompanyName { get; init; }

    /// <summary>The email of its billing profile.</summary>
    public string? BillingEmail { get; init; }
}

/// <summary>One subscription of an <see cref="EmulatedCustomerView"/>.</summary>
/// <param name="Id">The subscription id.</param>
/// <param name="OfferId">The offer or catalog item bought.</param>
/// <param name="Quantity">Seats.</param>
/// <param name="Status">Its status now.</param>
/// <param name="AutoRenewEnabled">Whether it renews.</param>
/// <param name="ParentSubscriptionId">An add-on's parent.</param>
/// <param name="PartnerIdOnRecord">The indirect reseller on record.</param>
/// <param name="FriendlyName">The name the partner gave it.</param>
public sealed record EmulatedSubscriptionView(
    string Id, string OfferId, int Quantity, string Status, bool AutoRenewEnabled, string? ParentSubscriptionId, string? PartnerIdOnRecord, string? FriendlyName);
