using O365Functions.Core.Jobs;
using O365Functions.Core.State;
using O365Functions.Core.State.Records;
using O365Functions.Core.Workflows;

namespace O365Functions.Core.Catalog.Sync;

/// <summary>
/// Keeps each instance's license and add-on types in step with Microsoft's catalog for its countries and language:
/// minimum and maximum quantities follow Microsoft; names follow it when the instance's <c>productNames</c> is
/// <c>continuous</c>; an offer Microsoft no longer lists is marked withdrawn (new orders of it are refused) and never
/// deleted, and only when every country was read whole, so a failed read withdraws nothing. A daily timer starts one
/// workflow per authenticated instance.
/// </summary>
public static class CatalogSync
{
    /// <summary>The timer job's name.</summary>
    public const string Name = "SyncCatalogs";

    /// <summary>The setting with the job's schedule.</summary>
    public const string ScheduleSetting = "CatalogSyncSchedule";

    /// <summary>Daily at 05:00 UTC.</summary>
    public const string DefaultSchedule = "0 0 5 * * *";

    /// <summary>The workflow's name.</summary>
    public const string WorkflowName = "SyncCatalog";

    /// <summary>The activity's name.</summary>
    public const string ActivityName = "SyncInstanceCatalog";

    private static readonly WorkflowTaskOptions Retry = new(new WorkflowRetryPolicy(3, TimeSpan.FromSeconds(30), 2, TimeSpan.FromMinutes(10)));

    /// <summary>The workflow: input the instance id, output the report.</summary>
    public static Task<CatalogSyncReport> RunAsync(IWorkflowContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var instanceId = context.GetInput<string>() ?? throw new InvalidOperationException($"{WorkflowName} needs the instance id.");
        context.SetCustomStatus(new WorkflowProgress("Reading Microsoft's catalog", 0, 1));
        return context.CallActivityAsync<CatalogSyncReport>(ActivityName, instanceId, Retry);
    }

    /// <summary>The timer: one sync a day per authenticated instance.</summary>
    public static async Task StartAllAsync(JobContext context, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        var records = await context.Services.Required<GatewayRecords>().GetAsync(cancellationToken).ConfigureAwait(false);
        foreach (var entry in await records.ListAsync<InstanceIndexRecord>(RecordKey.InstanceIndexPartition, cancellationToken).ConfigureAwait(false))
        {
            if (await Consent.ConsentRecords.IsAuthenticatedAsync(records, entry.Record.InstanceId, cancellationToken).ConfigureAwait(false))
            {
                await context.Workflows.ScheduleNewOrchestrationInstanceAsync(WorkflowName, entry.Record.InstanceId,
                    new WorkflowStartOptions($"catalog_{entry.Record.InstanceId}_{context.UtcNow.UtcDateTime:yyyyMMdd}"), cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>The activity: read, compare, and write each changed type under its ETag.</summary>
    public static async Task<CatalogSyncReport> SyncAsync(IOfferCatalogSource source, GatewayRecords records, InstanceCatalogs catalogs, string instanceId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(source);
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(catalogs);
        var store = await records.GetAsync(cancellationToken).ConfigureAwait(false);
        var instance = (await store.GetAsync<ApplicationInstanceRecord>(RecordKey.Instance(instanceId), cancellationToken).ConfigureAwait(false))?.Record
            ?? throw new InvalidOperationException($"Application instance {instanceId} is not installed.");
        var unread = new List<string>();
        var offers = new Dictionary<string, CatalogOffer>(StringComparer.OrdinalIgnoreCase);
        foreach (var country in instance.CatalogCountries)
        {
            try
            {
                foreach (var offer in await source.ReadOffersAsync(instanceId, country, instance.CatalogLanguage, cancellationToken).ConfigureAwait(false))
                {
                    offers.TryAdd(offer.OfferId, offer);
                }
            }
            catch (Exception failed) when (failed is not OperationCanceledException)
            {
                unread.Add($"{country}: {failed.Message}");
            }
        }

        var countriesWhole = unread.Count == 0;
        var updated = new List<string>();
        var withdrawn = new List<string>();
        var unchanged = 0;
        foreach (var stored in await catalogs.ListAsync(instanceId, cancellationToken).ConfigureAwait(false))
        {
            var type = stored.Record;
            CatalogOffer? found;
            if (type.OfferId.Contains(':', StringComparison.Ordinal))
            {
                try
                {
                    found = await source.ReadItemAsync(instanceId, type.OfferId, instance.CatalogCountries[0], cancellationToken).ConfigureAwait(false);
                }
                catch (Exception failed) when (failed is not OperationCanceledException)
                {
                    unread.Add($"{type.OfferId}: {failed.Message}");
                    continue;
                }
            }
            else
            {
                found = offers.GetValueOrDefault(type.OfferId);
            }

            // A legacy offer missing from a whole read of every country is gone; an item is gone when Microsoft says so.
            var gone = found is null && (countriesWhole || type.OfferId.Contains(':', StringComparison.Ordinal));
            var next = found is null
                ? (gone ? type with { Withdrawn = true } : type)
                : type with
                {
                    MinimumQuantity = found.MinimumQuantity,
                    MaximumQuantity = found.MaximumQuantity,
                    Name = instance.ProductNames == "continuous" ? found.Name : type.Name,
                    Withdrawn = false,
                };
            if (next == type)
            {
                unchanged++;
                continue;
            }

            try
            {
                await store.PutAsync(RecordKey.OfferType(instanceId, type.ApsId ?? type.ProvisioningId), next, stored.ETag, cancellationToken).ConfigureAwait(false);
                (next.Withdrawn && !type.Withdrawn ? withdrawn : updated).Add(type.ProvisioningId);
            }
            catch (EntityStoreException conflict) when (conflict.Error is EntityStoreError.PreconditionFailed or EntityStoreError.NotFound)
            {
                // The provider changed or removed the type meanwhile: theirs wins; the next sync looks again.
                unread.Add($"{type.ProvisioningId}: changed by the provider during the sync");
            }
        }

        return new CatalogSyncReport(instanceId, updated, withdrawn, unchanged, unread);
    }
}
