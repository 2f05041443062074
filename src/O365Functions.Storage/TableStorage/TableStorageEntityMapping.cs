using O365Functions.Core.State;
using SdkEntity = Azure.Data.Tables.TableEntity;

namespace O365Functions.Storage.TableStorage;

/// <summary>Copies entities between the store port's <see cref="TableEntity"/> and the SDK's, keeping each value's type.</summary>
internal static class TableStorageEntityMapping
{
    private static readonly HashSet<string> SystemProperties = new(StringComparer.Ordinal)
    {
        "PartitionKey", "RowKey", "Timestamp", "odata.etag",
    };

    public static SdkEntity ToSdk(TableEntity entity)
    {
        var sdk = new SdkEntity(entity.PartitionKey, entity.RowKey);
        foreach (var (name, value) in entity.Properties)
        {
            sdk[name] = value;
        }

        return sdk;
    }

    public static TableEntity FromSdk(SdkEntity sdk)
    {
        var entity = new TableEntity(sdk.PartitionKey, sdk.RowKey)
        {
            ETag = sdk.ETag == default ? null : sdk.ETag.ToString("H"),
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
