namespace O365Functions.Core.State.Records;

/// <summary>An application instance: one per APS instance, with the settings the provider gave it.</summary>
public sealed record ApplicationInstanceRecord(
    string InstanceId,
    string Cloud,
    string PartnerTenantId,
    string ApplicationId,
    string AccountMode,
    string CspModel,
    string DefaultCountry,
    IReadOnlyList<string> CatalogCountries,
    string CatalogLanguage,
    string BillingCycle);

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

/// <summary>One Partner Center subscription of a tenant.</summary>
public sealed record SubscriptionRecord(string ProvisioningId, string SubscriptionId, string OfferId, int Quantity, string Status);

/// <summary>A user of a tenant and the licenses assigned to it.</summary>
public sealed record UserRecord(string InstanceId, string TenantApsId, string ApsId, string? UserId, string UserPrincipalName, IReadOnlyList<string> Licenses);

/// <summary>A custom domain of a tenant and its verification state.</summary>
public sealed record DomainRecord(string InstanceId, string TenantApsId, string ApsId, string Name, string Status, int VerificationAttempts);

/// <summary>One APS request the gateway is carrying out (or has), for status polls and duplicate detection.</summary>
public sealed record OperationRecord(
    string InstanceId,
    string TenantApsId,
    string OperationId,
    string Kind,
    string Status,
    int CompletedSteps,
    int TotalSteps,
    OperationError? Error);

/// <summary>What went wrong in an operation: which step, Microsoft's code, and a sentence a provider can act on.</summary>
public sealed record OperationError(string? Step, string Code, string Message);

/// <summary>A webhook event already received, kept so a redelivered event is handled once.</summary>
public sealed record WebhookEventRecord(string EventId, string EventName, string ResourceUri, DateTimeOffset ReceivedAt);

/// <summary>What the gateway knows about an instance's refresh token, without the token itself (that is a secret).</summary>
public sealed record TokenMetadataRecord(string InstanceId, DateTimeOffset? LastUsed, DateTimeOffset? LastRotated, string Status);
