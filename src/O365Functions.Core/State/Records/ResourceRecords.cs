namespace O365Functions.Core.State.Records;

/// <summary>
/// Writing and removing the records of the APS resources (tenants, users, domains) with the indexes that go with
/// them. The save activities and the APS services both write through here, so a record is kept one way.
/// </summary>
public static class ResourceRecords
{
    /// <summary>Writes the tenant's record over whatever is stored, and the customer index once it has a customer.</summary>
    public static async Task SaveTenantAsync(this RecordStore store, TenantRecord tenant, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(tenant);
        await store.UpsertAsync(RecordKey.Tenant(tenant.InstanceId, tenant.ApsId), tenant, cancellationToken).ConfigureAwait(false);
        if (tenant.MicrosoftTenantId is { } customerId)
        {
            await store.UpsertAsync(RecordKey.Customer(customerId), new CustomerIndexRecord(tenant.InstanceId, tenant.ApsId), cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Deletes the tenant's record with its customer index and its domain claim.</summary>
    public static async Task RemoveTenantAsync(this RecordStore store, TenantRecord tenant, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(tenant);
        await store.DeleteAsync(RecordKey.Tenant(tenant.InstanceId, tenant.ApsId), cancellationToken: cancellationToken).ConfigureAwait(false);
        if (tenant.MicrosoftTenantId is { } customerId)
        {
            await store.DeleteAsync(RecordKey.Customer(customerId), cancellationToken: cancellationToken).ConfigureAwait(false);
        }

        if (tenant.InitialDomain is { } domain)
        {
            await store.DeleteAsync(RecordKey.DomainClaim(tenant.InstanceId, domain), cancellationToken: cancellationToken).ConfigureAwait(false);
        }
    }

    /// <summary>Writes the user's record over whatever is stored, or deletes it.</summary>
    public static Task SaveUserAsync(this RecordStore store, UserRecord user, bool remove, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(user);
        return SaveAsync(store, RecordKey.User(user.InstanceId, user.TenantApsId, user.ApsId), user, remove, cancellationToken);
    }

    /// <summary>Writes the domain's record over whatever is stored, or deletes it.</summary>
    public static Task SaveDomainAsync(this RecordStore store, DomainRecord domain, bool remove, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(domain);
        return SaveAsync(store, RecordKey.Domain(domain.InstanceId, domain.TenantApsId, domain.ApsId), domain, remove, cancellationToken);
    }

    private static Task SaveAsync<T>(RecordStore store, RecordKey key, T record, bool remove, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        return remove ? store.DeleteAsync(key, cancellationToken: cancellationToken) : store.UpsertAsync(key, record, cancellationToken);
    }
}
