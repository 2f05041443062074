using O365Functions.Core.State.Records;

namespace O365Functions.Core.Provisioning;

/// <summary>
/// What the tenant workflows need from Partner Center, one call per step. Every write is made under
/// <see cref="CommerceCall"/>'s stable request id, and first looks for the effect an earlier, interrupted attempt may
/// have had (a customer with the domain, a subscription with the purchase's name), so a step run twice acts once.
/// Business refusals come back as <see cref="CommerceRefusal"/>; faults (Microsoft down, the connection lost past the
/// transport's retries) are thrown, for the activity's retry policy.
/// </summary>
public interface ITenantCommerce
{
    /// <summary>
    /// Creates the customer for a new organization, or returns the one an earlier attempt created: checks the domain
    /// is free and the address valid first. The new admin's one-time password is in the result.
    /// </summary>
    Task<StepOutcome<CreatedCustomer>> CreateCustomerAsync(CommerceCall call, TenantOrder order, CancellationToken cancellationToken);

    /// <summary>The partner's customer with <paramref name="domain"/> as its primary domain, or null.</summary>
    Task<string?> FindCustomerAsync(CommerceCall call, string domain, CancellationToken cancellationToken);

    /// <summary>The link an existing organization's admin opens to accept the partner as reseller.</summary>
    Task<StepOutcome<Uri>> RelationshipLinkAsync(CommerceCall call, CancellationToken cancellationToken);

    /// <summary>Attests the customer's acceptance of the Microsoft Customer Agreement in force (its template read from Partner Center).</summary>
    Task<StepOutcome<bool>> AttestAgreementAsync(CommerceCall call, string customerId, TenantContact contact, CancellationToken cancellationToken);

    /// <summary>
    /// Buys the lines not already bought (a subscription with the line's <see cref="PurchaseLine.FriendlyName"/> is one
    /// already bought): legacy offers in one order, add-ons of legacy subscriptions into their parent's order, new-commerce
    /// items in one cart. Returns the customer's subscriptions afterwards.
    /// </summary>
    Task<StepOutcome<IReadOnlyList<SubscriptionState>>> PurchaseAsync(
        CommerceCall call, string customerId, IReadOnlyList<PurchaseLine> lines, string? resellerMpnId, CancellationToken cancellationToken);

    /// <summary>The customer's subscriptions as Partner Center reports them now.</summary>
    Task<IReadOnlyList<SubscriptionState>> ListSubscriptionsAsync(CommerceCall call, string customerId, CancellationToken cancellationToken);

    /// <summary>The customer's subscriptions with the count Partner Center gave, so a partial list is known as one.</summary>
    Task<SubscriptionListing> ReadListingAsync(CommerceCall call, string customerId, CancellationToken cancellationToken);

    /// <summary>Changes one subscription (quantity, status, auto-renew, name); a change it already shows is not sent again.</summary>
    Task<StepOutcome<SubscriptionState>> ChangeSubscriptionAsync(CommerceCall call, string customerId, SubscriptionChange change, CancellationToken cancellationToken);

    /// <summary>
    /// Upgrades a legacy subscription to <paramref name="upgrade"/>'s target offer, moving its seats, and gives the
    /// new subscription the upgrade's name. An upgrade Microsoft does not offer or finds ineligible is refused with its
    /// reasons; an upgrade already made (the named subscription exists) is not made again.
    /// </summary>
    Task<StepOutcome<SubscriptionState>> UpgradeAsync(CommerceCall call, string customerId, PlannedUpgrade upgrade, CancellationToken cancellationToken);

    /// <summary>
    /// Converts a trial to its paid offer with the wanted seats, and gives the paid subscription the type's name; a
    /// conversion already made (the named paid subscription exists) is not made again.
    /// </summary>
    Task<StepOutcome<SubscriptionState>> ConvertTrialAsync(CommerceCall call, string customerId, PlannedConversion conversion, CancellationToken cancellationToken);
}

/// <summary>A trial made paid.</summary>
/// <param name="ProvisioningId">The license type.</param>
/// <param name="TrialSubscriptionId">The trial's subscription.</param>
/// <param name="TargetOfferId">The paid offer.</param>
/// <param name="Quantity">The seats wanted.</param>
/// <param name="FriendlyName">The name the paid subscription gets.</param>
public sealed record PlannedConversion(string ProvisioningId, string TrialSubscriptionId, string TargetOfferId, int Quantity, string FriendlyName);

/// <summary>An upgrade along a license type's <c>possibleUpgrades</c>.</summary>
/// <param name="FromProvisioningId">The type the tenant holds.</param>
/// <param name="SubscriptionId">Its subscription.</param>
/// <param name="ToProvisioningId">The type wanted instead.</param>
/// <param name="TargetOfferId">The wanted type's offer.</param>
/// <param name="FriendlyName">The name the upgraded subscription gets.</param>
public sealed record PlannedUpgrade(string FromProvisioningId, string SubscriptionId, string ToProvisioningId, string TargetOfferId, string FriendlyName);

/// <summary>
/// Who makes a Partner Center call: the instance whose credentials it uses, the workflow instance it belongs to (its
/// correlation id, on every call of the operation) and the step (with the operation, its stable request id).
/// </summary>
/// <param name="InstanceId">The APS application instance.</param>
/// <param name="OperationId">The workflow instance id.</param>
/// <param name="Step">The step, unique within the workflow.</param>
public sealed record CommerceCall(string InstanceId, string OperationId, string Step)
{
    /// <summary>The <c>MS-RequestId</c> of this step's write number <paramref name="part"/>: the same on every attempt of the step.</summary>
    public Guid RequestId(string part = "") => StableGuid.From($"{OperationId}/{Step}/{part}");

    /// <summary>The <c>MS-CorrelationId</c> of every call of the operation.</summary>
    public Guid CorrelationId => StableGuid.From(OperationId);
}

/// <summary>A customer the gateway created, with its initial admin.</summary>
/// <param name="CustomerId">The customer's tenant id.</param>
/// <param name="Domain">Its initial domain.</param>
/// <param name="AdminLogin">The initial admin's user principal name, when Microsoft returned it.</param>
/// <param name="AdminPassword">The initial admin's password, given once, when Microsoft returned it; never stored in plain form.</param>
public sealed record CreatedCustomer(string CustomerId, string Domain, string? AdminLogin, string? AdminPassword)
{
    /// <inheritdoc />
    public override string ToString() => $"CreatedCustomer {{ CustomerId = {CustomerId}, Domain = {Domain}, AdminLogin = {AdminLogin} }}";
}

/// <summary>One purchase to make.</summary>
/// <param name="ProvisioningId">The provider's type id.</param>
/// <param name="OfferId">Legacy offer id or new-commerce catalog item id.</param>
/// <param name="Quantity">Seats.</param>
/// <param name="FriendlyName">The subscription's name, which marks it as this operation's purchase.</param>
/// <param name="ParentSubscriptionId">A legacy add-on's parent subscription.</param>
/// <param name="TermDuration">A new-commerce term.</param>
/// <param name="BillingCycle"><c>monthly</c> or <c>annual</c>.</param>
/// <param name="ParentOrderId">The order of a legacy add-on's parent, where the add-on is bought, when known.</param>
public sealed record PurchaseLine(
    string ProvisioningId, string OfferId, int Quantity, string FriendlyName, string? ParentSubscriptionId, string? TermDuration, string BillingCycle, string? ParentOrderId = null)
{
    /// <summary>New-commerce items are named <c>product:sku:availability</c>.</summary>
    public bool IsNewCommerce => OfferId.Contains(':', StringComparison.Ordinal);
}

/// <summary>A subscription as Partner Center reports it.</summary>
/// <param name="SubscriptionId">Its id.</param>
/// <param name="OfferId">What was bought.</param>
/// <param name="FriendlyName">Its name.</param>
/// <param name="Quantity">Seats.</param>
/// <param name="Status">Partner Center's status.</param>
/// <param name="AutoRenewEnabled">Whether it renews.</param>
/// <param name="ParentSubscriptionId">An add-on's parent.</param>
/// <param name="OrderId">The order that bought it.</param>
/// <param name="CreatedAt">When it was bought.</param>
/// <param name="CancellationAllowedUntil">Until when a new-commerce subscription may be cancelled or reduced, when Microsoft says.</param>
/// <param name="PartnerIdOnRecord">The reseller on record.</param>
/// <param name="SuspensionReasons">Why it is suspended.</param>
public sealed record SubscriptionState(
    string SubscriptionId,
    string OfferId,
    string? FriendlyName,
    int Quantity,
    SubscriptionStatus Status,
    bool AutoRenewEnabled,
    string? ParentSubscriptionId,
    string? OrderId,
    DateTimeOffset? CreatedAt,
    DateTimeOffset? CancellationAllowedUntil,
    string? PartnerIdOnRecord,
    IReadOnlyList<string>? SuspensionReasons)
{
    /// <summary>When the current term ends and, if it renews, the next one begins.</summary>
    public DateTimeOffset? CommitmentEndDate { get; init; }

    /// <summary>The seats Microsoft gives the next term, when a change was scheduled for the renewal.</summary>
    public int? ScheduledQuantity { get; init; }

    /// <summary>New-commerce items are named <c>product:sku:availability</c>.</summary>
    public bool IsNewCommerce => OfferId.Contains(':', StringComparison.Ordinal);
}

/// <summary>A customer's subscriptions as listed, with the total Partner Center counted.</summary>
public sealed record SubscriptionListing(IReadOnlyList<SubscriptionState> Subscriptions, int TotalCount)
{
    /// <summary>Whether the list holds every subscription Partner Center counted.</summary>
    public bool IsComplete => Subscriptions.Count >= TotalCount;
}

/// <summary>A change to one subscription; null members stay as they are.</summary>
public sealed record SubscriptionChange(
    string SubscriptionId, int? Quantity = null, SubscriptionStatus? Status = null, bool? AutoRenewEnabled = null, string? FriendlyName = null, int? ScheduledQuantity = null);
