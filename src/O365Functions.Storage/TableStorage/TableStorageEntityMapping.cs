using Azure.Data.Tables;
using O365Functions.Core.State;

namespace O365Functions.Storage.TableStorage;

/// <summary>Copies entities between the store port's <see cref="StoredEntity"/> and the SDK's, keeping each value's type.</summary>
internal static class TableStorageEntityMapping
{
    private static readonly HashSet<string> SystemProperties = new(StringComparer.Ordinal)
    {
        "PartitionKey", "RowKey", "Timestamp", "odata.etag",
    };

    public static TableEntity ToSdk(StoredEntity entity)
    {
        var sdk = new TableEntity(entity.PartitionKey, entity.RowKey);
        foreach (var (name, value) in entity.Properties)
        {
            sdk[name] = value;
        }

        return sdk;
    }

    public static StoredEntity FromSdk(TableEntity sdk)
    {
        var entity = new StoredEntity(sdk.PartitionKey, sdk.RowKey)
        {
            ETag = sdk.ETag == default ? null : new EntityTag(sdk.ETag.ToString("H")),
            Timestamp = sdk.Timestamp,
        };
        foreach (var (name, value) in sdk)
        {
            if (value is not null && !SystemProperties.Contains(name))
            {
                entity[name] = value is BinaryData binary ? binary.ToArray() : value;
            }
        }

        return entity;
    }
}
