namespace O365Functions.Core.State.Records;

/// <summary>A customer's Microsoft 365 organisation and the subscriptions the gateway bought for it.</summary>
public sealed record TenantRecord(
    string InstanceId,
    string ApsId,
    string? MicrosoftTenantId,
    string? InitialDomain,
    string CompanyName,
    string Country,
    string Status,
    IReadOnlyList<SubscriptionRecord> Subscriptions);
