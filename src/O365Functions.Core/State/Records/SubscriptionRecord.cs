namespace O365Functions.Core.State.Records;

/// <summary>One Partner Center subscription of a tenant.</summary>
/// <param name="ProvisioningId">The provider's type it was bought for.</param>
/// <param name="SubscriptionId">Partner Center's id.</param>
/// <param name="OfferId">The offer or catalog item bought.</param>
/// <param name="Quantity">Seats.</param>
/// <param name="Status">Partner Center's status.</param>
/// <param name="ParentSubscriptionId">An add-on's parent subscription.</param>
/// <param name="AutoRenewEnabled">Whether it renews.</param>
/// <param name="PendingQuantity">The seats Microsoft changes to when the term renews (a reduction it does not allow before).</param>
/// <param name="PendingFrom">When the term renews and <paramref name="PendingQuantity"/> takes effect.</param>
public sealed record SubscriptionRecord(
    string ProvisioningId,
    string SubscriptionId,
    string OfferId,
    int Quantity,
    SubscriptionStatus Status,
    string? ParentSubscriptionId = null,
    bool AutoRenewEnabled = true,
    int? PendingQuantity = null,
    DateTimeOffset? PendingFrom = null);
