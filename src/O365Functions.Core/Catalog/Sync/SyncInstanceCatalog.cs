using O365Functions.Core.State;
using O365Functions.Core.State.Records;
using O365Functions.Core.Workflows.Activities;

namespace O365Functions.Core.Catalog.Sync;

/// <summary>
/// Reads Microsoft's catalog for one instance's countries and language, compares each of its license and add-on types
/// with it, and writes each changed type under its ETag (see <see cref="CatalogSync"/> for the rules).
/// </summary>
public sealed class SyncInstanceCatalog(IOfferCatalogSource source, GatewayRecords records, InstanceCatalogs catalogs) : Activity<SyncInstanceCatalog, string, CatalogSyncReport>
{
    /// <inheritdoc/>
    public override async Task<CatalogSyncReport> RunAsync(string input, CancellationToken cancellationToken)
    {
        var instanceId = input;
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
