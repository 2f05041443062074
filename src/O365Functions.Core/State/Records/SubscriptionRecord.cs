namespace O365Functions.Core.State.Records;

/// <summary>One Partner Center subscription of a tenant.</summary>
public sealed record SubscriptionRecord(string ProvisioningId, string SubscriptionId, string OfferId, int Quantity, string Status);
