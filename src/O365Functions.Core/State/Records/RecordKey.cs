namespace O365Functions.Core.State.Records;

/// <summary>
/// Where a record lives: the partition and row of its entity. Every record of one tenant (the tenant, its users,
/// domains and operations) shares the tenant's partition, so it reads in one query and changes in one transaction.
/// </summary>
public sealed record RecordKey(string PartitionKey, string RowKey)
{
    /// <summary>An application instance's settings.</summary>
    public static RecordKey Instance(string instanceId) => new($"instance|{instanceId}", "settings");

    /// <summary>The partition listing every installed instance.</summary>
    public const string InstanceIndexPartition = "instances";

    /// <summary>An installed instance's entry in <see cref="InstanceIndexPartition"/>.</summary>
    public static RecordKey InstanceIndex(string instanceId) => new(InstanceIndexPartition, instanceId);

    /// <summary>An instance's refresh-token metadata.</summary>
    public static RecordKey TokenMetadata(string instanceId) => new($"instance|{instanceId}", "token");

    /// <summary>The partition of an instance's catalog: every license and add-on type, read in one query.</summary>
    public static string CatalogPartition(string instanceId) => $"catalog|{instanceId}";

    /// <summary>A license or add-on type of an instance's catalog, by its APS resource id.</summary>
    public static RecordKey OfferType(string instanceId, string apsId) => new(CatalogPartition(instanceId), $"offer|{apsId}");

    /// <summary>A pending consent, by the hex SHA-256 of its state parameter.</summary>
    public static RecordKey ConsentState(string stateHash) => new("consent", stateHash);

    /// <summary>The workflow last started for an APS resource of an instance.</summary>
    public static RecordKey ResourceOperation(string instanceId, string resourceId) => new(ResourceOperationPartition(instanceId), resourceId);

    /// <summary>The partition of the workflows last started for an instance's resources.</summary>
    public static string ResourceOperationPartition(string instanceId) => $"operations|{instanceId}";

    /// <summary>The verify calls made for <paramref name="domain"/> of an instance on <paramref name="day"/> (UTC).</summary>
    public static RecordKey DomainVerificationCount(string instanceId, string domain, DateOnly day) =>
        new($"verify|{instanceId}|{day:yyyyMMdd}", domain.ToLowerInvariant());

    /// <summary>A tenant's last reconciliation report.</summary>
    public static RecordKey ReconciliationReport(string instanceId, string tenantApsId) => new(TenantPartition(instanceId, tenantApsId), "reconciliation");

    /// <summary>The webhook callback URL last registered for an instance's partner.</summary>
    public static RecordKey WebhookRegistration(string instanceId) => new($"instance|{instanceId}", "webhook");

    /// <summary>The operator's pause switch.</summary>
    public static RecordKey GatewayControl { get; } = new("gateway", "control");

    /// <summary>The partition of <see cref="Customer"/>: one entry per provisioned tenant of every instance.</summary>
    public const string CustomerPartition = "customers";

    /// <summary>Which instance's tenant the Partner Center customer <paramref name="customerId"/> is.</summary>
    public static RecordKey Customer(string customerId) => new(CustomerPartition, customerId.ToLowerInvariant());

    /// <summary>Which tenant the user or domain <paramref name="apsId"/> of an instance belongs to.</summary>
    public static RecordKey TenantResource(string instanceId, string apsId) => new($"members|{instanceId}", apsId);

    /// <summary>Which tenant of the instance owns <paramref name="domain"/>.</summary>
    public static RecordKey DomainClaim(string instanceId, string domain) => new($"domains|{instanceId}", domain.ToLowerInvariant());

    /// <summary>The partition of one tenant's records.</summary>
    public static string TenantPartition(string instanceId, string tenantApsId) => $"tenant|{instanceId}|{tenantApsId}";

    /// <summary>A tenant.</summary>
    public static RecordKey Tenant(string instanceId, string tenantApsId) => new(TenantPartition(instanceId, tenantApsId), "tenant");

    /// <summary>The count of a tenant's limits-changed events.</summary>
    public static RecordKey SeatLimitsEvents(string instanceId, string tenantApsId) => new(TenantPartition(instanceId, tenantApsId), "limits-events");

    /// <summary>The notice on <paramref name="topic"/> shown to a tenant's customer.</summary>
    public static RecordKey CustomerNotice(string instanceId, string tenantApsId, string topic) => new(TenantPartition(instanceId, tenantApsId), $"notice|{topic}");

    /// <summary>A user of a tenant.</summary>
    public static RecordKey User(string instanceId, string tenantApsId, string userApsId) => new(TenantPartition(instanceId, tenantApsId), $"user|{userApsId}");

    /// <summary>A domain of a tenant.</summary>
    public static RecordKey Domain(string instanceId, string tenantApsId, string domainApsId) => new(TenantPartition(instanceId, tenantApsId), $"domain|{domainApsId}");

    /// <summary>An operation on a tenant.</summary>
    public static RecordKey Operation(string instanceId, string tenantApsId, string operationId) => new(TenantPartition(instanceId, tenantApsId), $"operation|{operationId}");

    /// <summary>
    /// A received webhook event, partitioned by the day of the change it reports: every redelivery of the event names
    /// the same day, and old events can be dropped a partition at a time.
    /// </summary>
    public static RecordKey WebhookEvent(string eventId, DateTimeOffset changedAt) => new(WebhookEventPartition(DateOnly.FromDateTime(changedAt.UtcDateTime)), eventId);

    /// <summary>The partition of the webhook events whose change happened on <paramref name="day"/> (UTC).</summary>
    public static string WebhookEventPartition(DateOnly day) => $"webhook|{day:yyyyMMdd}";
}
