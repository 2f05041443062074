using O365Functions.Core.State.Records;

namespace O365Functions.Core.Catalog;

/// <summary>
/// Each application instance's own catalog: the license and add-on types its provider defined, stored as
/// <see cref="OfferTypeRecord"/>s in one partition and read in one query.
/// </summary>
public sealed class InstanceCatalogs(GatewayRecords records)
{
    /// <summary>The kind of a license type's record.</summary>
    public const string LicenseKind = "license";

    /// <summary>The kind of an add-on type's record.</summary>
    public const string AddonKind = "addon";

    /// <summary>Every type record of the instance.</summary>
    public async Task<IReadOnlyList<StoredRecord<OfferTypeRecord>>> ListAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        var store = await records.GetAsync(cancellationToken).ConfigureAwait(false);
        return await store.ListAsync<OfferTypeRecord>(RecordKey.CatalogPartition(instanceId), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The instance's catalog, for resolving orders.</summary>
    public async Task<OfferCatalog> LoadAsync(string instanceId, CancellationToken cancellationToken = default) =>
        new((await ListAsync(instanceId, cancellationToken).ConfigureAwait(false)).Select(r => ToOfferType(r.Record)));

    /// <summary>The catalog rules' view of a stored type.</summary>
    public static OfferType ToOfferType(OfferTypeRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var quantity = new QuantityBounds(record.MinimumQuantity, record.MaximumQuantity);
        return record.Kind == AddonKind
            ? new AddonType
            {
                ProvisioningId = record.ProvisioningId,
                Name = record.Name,
                OfferId = record.OfferId,
                AssignableToUsers = record.AssignableToUsers,
                Quantity = quantity,
                PossibleParentOffers = record.PossibleParentOffers,
            }
            : new LicenseType
            {
                ProvisioningId = record.ProvisioningId,
                Name = record.Name,
                OfferId = record.OfferId,
                AssignableToUsers = record.AssignableToUsers,
                Quantity = quantity,
                TrialOfferId = record.TrialOfferId,
                PossibleUpgrades = record.PossibleUpgrades,
            };
    }
}
