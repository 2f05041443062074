using Azure;
using Azure.Data.Tables;
using O365Functions.Core.State;
using O365Functions.Storage.Entities;

namespace O365Functions.Storage.TableStorage;

/// <summary>One table of a <see cref="TableStorageEntityStore"/>, over the SDK's <see cref="TableClient"/>.</summary>
internal sealed class TableStorageEntityTable(TableClient client) : IEntityTable
{
    public string Name => client.Name;

    public async Task<StoredEntity?> GetEntityIfExistsAsync(string partitionKey, string rowKey, CancellationToken cancellationToken = default)
    {
        EntityKeys.Validate(partitionKey, rowKey);
        var response = await Run(() => client.GetEntityIfExistsAsync<TableEntity>(partitionKey, rowKey, cancellationToken: cancellationToken),
            $"read ({partitionKey}, {rowKey}) from '{Name}'");
        return response.HasValue ? TableStorageEntityMapping.FromSdk(response.Value!) : null;
    }

    public async Task<EntityTag> AddEntityAsync(StoredEntity entity, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entity);
        EntityKeys.Validate(entity.PartitionKey, entity.RowKey);
        var response = await Run(() => client.AddEntityAsync(TableStorageEntityMapping.ToSdk(entity), cancellationToken),
            $"insert ({entity.PartitionKey}, {entity.RowKey}) into '{Name}'");
        return ETagOf(response);
    }

    public async Task<EntityTag> UpsertEntityAsync(StoredEntity entity, EntityUpdateMode mode, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entity);
        EntityKeys.Validate(entity.PartitionKey, entity.RowKey);
        var response = await Run(() => client.UpsertEntityAsync(TableStorageEntityMapping.ToSdk(entity), ToSdk(mode), cancellationToken),
            $"upsert ({entity.PartitionKey}, {entity.RowKey}) in '{Name}'");
        return ETagOf(response);
    }

    public async Task<EntityTag> UpdateEntityAsync(StoredEntity entity, EntityTag ifMatch, EntityUpdateMode mode, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entity);
        ArgumentException.ThrowIfNullOrEmpty(ifMatch.Value);
        EntityKeys.Validate(entity.PartitionKey, entity.RowKey);
        var response = await Run(() => client.UpdateEntityAsync(TableStorageEntityMapping.ToSdk(entity), new ETag(ifMatch.Value), ToSdk(mode), cancellationToken),
            $"update ({entity.PartitionKey}, {entity.RowKey}) in '{Name}'");
        return ETagOf(response);
    }

    public async Task<bool> DeleteEntityAsync(string partitionKey, string rowKey, EntityTag? ifMatch = null, CancellationToken cancellationToken = default)
    {
        EntityKeys.Validate(partitionKey, rowKey);
        // The SDK answers a delete of a missing entity with its 404 response rather than an exception.
        var response = await Run(() => client.DeleteEntityAsync(partitionKey, rowKey, new ETag((ifMatch ?? EntityTag.Any).Value), cancellationToken),
            $"delete ({partitionKey}, {rowKey}) from '{Name}'");
        return response.Status != 404;
    }

    public Task<EntityPage> QueryPartitionAsync(string partitionKey, string? continuationToken = null, int pageSize = 1000, CancellationToken cancellationToken = default)
    {
        EntityKeys.Validate(partitionKey, string.Empty);
        return QueryAsync(TableClient.CreateQueryFilter($"PartitionKey eq {partitionKey}"), partitionKey, continuationToken, pageSize, cancellationToken);
    }

    public Task<EntityPage> QueryPrefixAsync(string partitionKey, string rowKeyPrefix, string? continuationToken = null, int pageSize = 1000, CancellationToken cancellationToken = default)
    {
        EntityKeys.Validate(partitionKey, string.Empty);
        var end = EntityKeys.PrefixEnd(rowKeyPrefix);
        return QueryAsync(
            TableClient.CreateQueryFilter($"PartitionKey eq {partitionKey} and RowKey ge {rowKeyPrefix} and RowKey lt {end}"), partitionKey, continuationToken, pageSize, cancellationToken);
    }

    private async Task<EntityPage> QueryAsync(string filter, string partitionKey, string? continuationToken, int pageSize, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        var from = continuationToken is null ? null : ContinuationToken.Decode(continuationToken, 1)[0];
        var size = Math.Min(pageSize, 1000);
        var page = await Run(
            async () =>
            {
                await foreach (var first in client.QueryAsync<TableEntity>(filter, size, cancellationToken: cancellationToken).AsPages(from, size))
                {
                    return first;
                }

                return null;
            },
            $"query partition '{partitionKey}' of '{Name}'");
        if (page is null)
        {
            return new EntityPage([], null);
        }

        var entities = page.Values.Select(TableStorageEntityMapping.FromSdk).ToList();
        return new EntityPage(entities, page.ContinuationToken is { } next ? ContinuationToken.Encode(next) : null);
    }

    public async Task<IReadOnlyList<EntityTag?>> SubmitTransactionAsync(IReadOnlyList<EntityChange> actions, CancellationToken cancellationToken = default)
    {
        EntityKeys.ValidateTransaction(actions);
        var batch = actions.Select(ToSdk).ToList();
        var response = await Run(() => client.SubmitTransactionAsync(batch, cancellationToken), $"apply a transaction to '{Name}'");
        return actions
            .Select((action, i) => action.ActionType == EntityChangeKind.Delete ? (EntityTag?)null : ETagOf(response.Value[i]))
            .ToList();
    }

    private async Task<T> Run<T>(Func<Task<T>> call, string operation)
    {
        try
        {
            return await call();
        }
        catch (RequestFailedException ex)
        {
            throw TableStorageErrors.From(ex, operation);
        }
    }

    private static EntityTag ETagOf(Response response) => new(response.Headers.ETag?.ToString("H") ?? string.Empty);

    private static TableUpdateMode ToSdk(EntityUpdateMode mode) => mode == EntityUpdateMode.Merge ? TableUpdateMode.Merge : TableUpdateMode.Replace;

    private static TableTransactionAction ToSdk(EntityChange action)
    {
        var entity = TableStorageEntityMapping.ToSdk(action.Entity);
        var type = action.ActionType switch
        {
            EntityChangeKind.Add => TableTransactionActionType.Add,
            EntityChangeKind.UpdateMerge => TableTransactionActionType.UpdateMerge,
            EntityChangeKind.UpdateReplace => TableTransactionActionType.UpdateReplace,
            EntityChangeKind.UpsertMerge => TableTransactionActionType.UpsertMerge,
            EntityChangeKind.UpsertReplace => TableTransactionActionType.UpsertReplace,
            EntityChangeKind.Delete => TableTransactionActionType.Delete,
            _ => throw new ArgumentOutOfRangeException(nameof(action), action.ActionType, "Unknown transaction action."),
        };
        return new TableTransactionAction(type, entity, new ETag((action.IfMatch ?? EntityTag.Any).Value));
    }
}
