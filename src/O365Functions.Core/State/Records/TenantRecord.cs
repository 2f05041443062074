namespace O365Functions.Core.State.Records;

/// <summary>A customer's Microsoft 365 organisation and the subscriptions the gateway bought for it.</summary>
/// <param name="InstanceId">The APS application instance.</param>
/// <param name="ApsId">The tenant's APS resource id.</param>
/// <param name="MicrosoftTenantId">The customer's tenant id in Partner Center, once it exists.</param>
/// <param name="InitialDomain">The organization's primary domain.</param>
/// <param name="CompanyName">The organization's name.</param>
/// <param name="Country">ISO 3166-1 alpha-2.</param>
/// <param name="Status">Where the tenant is in its life.</param>
/// <param name="Subscriptions">The subscriptions the gateway holds for it.</param>
/// <param name="AdminLogin">The initial admin's user principal name.</param>
/// <param name="RelationshipUrl">For an existing organization, the link its admin opens to accept the partner as reseller.</param>
/// <param name="ResellerMpnId">In the indirect model, the reseller on record.</param>
/// <param name="StatusMessage">What the last operation did, or why it stopped, in words.</param>
/// <param name="AdminAccessUrl">The GDAP relationship the organization's admin approves.</param>
/// <param name="AdminAccess"><c>requested</c>, <c>granted</c>, or null when none was asked for.</param>
/// <param name="AccountApsId">The Commerce account of the customer.</param>
/// <param name="SubscriptionApsId">The customer's Commerce subscription, whose limits are the tenant's seats.</param>
/// <param name="LimitsEventSubscriptionId">The tenant's subscription to its subscription's limits-changed event.</param>
/// <param name="SeatLimits">The limits last read from the subscription, by provisioning id.</param>
public sealed record TenantRecord(
    string InstanceId,
    string ApsId,
    string? MicrosoftTenantId,
    string? InitialDomain,
    string CompanyName,
    string Country,
    TenantStatus Status,
    IReadOnlyList<SubscriptionRecord> Subscriptions,
    string? AdminLogin = null,
    string? RelationshipUrl = null,
    string? ResellerMpnId = null,
    string? StatusMessage = null,
    string? AdminAccessUrl = null,
    string? AdminAccess = null,
    string? AccountApsId = null,
    string? SubscriptionApsId = null,
    string? LimitsEventSubscriptionId = null,
    IReadOnlyDictionary<string, long>? SeatLimits = null);
