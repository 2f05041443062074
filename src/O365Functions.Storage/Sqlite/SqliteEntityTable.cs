using System.Globalization;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using O365Functions.Core.State;
using O365Functions.Storage.Entities;

namespace O365Functions.Storage.Sqlite;

/// <summary>One table of a <see cref="SqliteEntityStore"/>; every write runs in an immediate (write-locked) transaction.</summary>
internal sealed class SqliteEntityTable(string name, SqliteEntityStore store) : IEntityTable
{
    private const int SqliteConstraintError = 19;

    public string Name { get; } = name;

    public Task<TableEntity?> GetEntityIfExistsAsync(string partitionKey, string rowKey, CancellationToken cancellationToken = default)
    {
        EntityKeys.Validate(partitionKey, rowKey);
        using var connection = store.Open();
        return Task.FromResult(Read(connection, null, partitionKey, rowKey));
    }

    public Task<string> AddEntityAsync(TableEntity entity, CancellationToken cancellationToken = default) =>
        ApplyOne(new TableTransactionAction(TableTransactionActionType.Add, entity));

    public Task<string> UpsertEntityAsync(TableEntity entity, TableUpdateMode mode, CancellationToken cancellationToken = default) =>
        ApplyOne(new TableTransactionAction(
            mode == TableUpdateMode.Merge ? TableTransactionActionType.UpsertMerge : TableTransactionActionType.UpsertReplace, entity));

    public Task<string> UpdateEntityAsync(TableEntity entity, string ifMatch, TableUpdateMode mode, CancellationToken cancellationToken = default) =>
        ApplyOne(new TableTransactionAction(
            mode == TableUpdateMode.Merge ? TableTransactionActionType.UpdateMerge : TableTransactionActionType.UpdateReplace, entity, ifMatch));

    public async Task<bool> DeleteEntityAsync(string partitionKey, string rowKey, string ifMatch = ETags.Any, CancellationToken cancellationToken = default)
    {
        try
        {
            await ApplyOne(new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(partitionKey, rowKey), ifMatch));
            return true;
        }
        catch (EntityStoreException ex) when (ex.Error == EntityStoreError.NotFound)
        {
            return false;
        }
    }

    public Task<EntityPage> QueryPartitionAsync(string partitionKey, string? continuationToken = null, int pageSize = 1000, CancellationToken cancellationToken = default)
    {
        EntityKeys.Validate(partitionKey, string.Empty);
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        var after = continuationToken is null ? null : ContinuationToken.Decode(continuationToken, 1)[0];

        using var connection = store.Open();
        using var command = connection.CreateCommand();
        command.CommandText =
            $"""
            SELECT RowKey, ETag, Timestamp, Properties FROM "{Name}"
            WHERE PartitionKey = $pk AND ($after IS NULL OR RowKey > $after)
            ORDER BY RowKey LIMIT $take
            """;
        command.Parameters.AddWithValue("$pk", partitionKey);
        command.Parameters.AddWithValue("$after", (object?)after ?? DBNull.Value);
        command.Parameters.AddWithValue("$take", pageSize + 1);

        var entities = new List<TableEntity>(Math.Min(pageSize, 1024));
        var more = false;
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                if (entities.Count == pageSize)
                {
                    more = true;
                    break;
                }

                entities.Add(Materialize(partitionKey, reader.GetString(0), reader));
            }
        }

        var token = more ? ContinuationToken.Encode(entities[^1].RowKey) : null;
        return Task.FromResult(new EntityPage(entities, token));
    }

    public Task<IReadOnlyList<string?>> SubmitTransactionAsync(IReadOnlyList<TableTransactionAction> actions, CancellationToken cancellationToken = default)
    {
        EntityKeys.ValidateTransaction(actions);

        // The store's one writer applies it: SQLite would answer a second writer of this process SQLITE_BUSY, which
        // Microsoft.Data.Sqlite waits out in 150 ms sleeps. Other processes still meet the file lock.
        return store.Writes.WriteAsync<IReadOnlyList<string?>>((connection, transaction) => ApplyAll(connection, transaction, actions));
    }

    private List<string?> ApplyAll(SqliteConnection connection, SqliteTransaction transaction, IReadOnlyList<TableTransactionAction> actions)
    {
        var etags = new List<string?>(actions.Count);
        for (var i = 0; i < actions.Count; i++)
        {
            try
            {
                etags.Add(Apply(connection, transaction, actions[i]));
            }
            catch (EntityStoreException ex) when (actions.Count > 1)
            {
                throw new EntityStoreException(ex.Error, $"Action {i} of the transaction failed, so none was applied: {ex.Message}", ex)
                {
                    FailedActionIndex = i,
                };
            }
        }

        return etags;
    }

    private async Task<string> ApplyOne(TableTransactionAction action)
    {
        var etags = await SubmitTransactionAsync([action]);
        return etags[0] ?? string.Empty;
    }

    private string? Apply(SqliteConnection connection, SqliteTransaction transaction, TableTransactionAction action)
    {
        var entity = action.Entity;
        var current = action.ActionType == TableTransactionActionType.Add
            ? null
            : Read(connection, transaction, entity.PartitionKey, entity.RowKey);

        switch (action.ActionType)
        {
            case TableTransactionActionType.Add:
                return Insert(connection, transaction, entity);
            case TableTransactionActionType.UpsertMerge or TableTransactionActionType.UpsertReplace when current is null:
                return Insert(connection, transaction, entity);
            case TableTransactionActionType.UpsertMerge:
                return Write(connection, transaction, Merge(current!, entity));
            case TableTransactionActionType.UpsertReplace:
                return Write(connection, transaction, entity);
        }

        if (current is null)
        {
            throw new EntityStoreException(EntityStoreError.NotFound,
                $"Entity ({entity.PartitionKey}, {entity.RowKey}) does not exist in table '{Name}'.");
        }

        if (action.IfMatch != ETags.Any && !string.Equals(action.IfMatch, current.ETag, StringComparison.Ordinal))
        {
            throw new EntityStoreException(EntityStoreError.PreconditionFailed,
                $"Entity ({entity.PartitionKey}, {entity.RowKey}) in table '{Name}' was changed by someone else; read it again and retry.");
        }

        switch (action.ActionType)
        {
            case TableTransactionActionType.UpdateMerge:
                return Write(connection, transaction, Merge(current, entity));
            case TableTransactionActionType.UpdateReplace:
                return Write(connection, transaction, entity);
            default:
                using (var delete = Command(connection, transaction, $"""DELETE FROM "{Name}" WHERE PartitionKey = $pk AND RowKey = $rk""", entity))
                {
                    delete.ExecuteNonQuery();
                }

                return null;
        }
    }

    private string Insert(SqliteConnection connection, SqliteTransaction transaction, TableEntity entity)
    {
        try
        {
            return Store(connection, transaction, entity, $"""INSERT INTO "{Name}" (PartitionKey, RowKey, ETag, Timestamp, Properties) VALUES ($pk, $rk, $etag, $ts, $props)""");
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode == SqliteConstraintError)
        {
            throw new EntityStoreException(EntityStoreError.AlreadyExists,
                $"Entity ({entity.PartitionKey}, {entity.RowKey}) already exists in table '{Name}'.", ex);
        }
    }

    private string Write(SqliteConnection connection, SqliteTransaction transaction, TableEntity entity) =>
        Store(connection, transaction, entity, $"""UPDATE "{Name}" SET ETag = $etag, Timestamp = $ts, Properties = $props WHERE PartitionKey = $pk AND RowKey = $rk""");

    private static string Store(SqliteConnection connection, SqliteTransaction transaction, TableEntity entity, string sql)
    {
        var now = DateTimeOffset.UtcNow;
        var etag = $"W/\"{Guid.NewGuid():N}\"";
        using var command = Command(connection, transaction, sql, entity);
        command.Parameters.AddWithValue("$etag", etag);
        command.Parameters.AddWithValue("$ts", now.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
        command.Parameters.AddWithValue("$props", ODataEntityJson.Serialize(entity, includeKeys: false));
        command.ExecuteNonQuery();
        return etag;
    }

    private static TableEntity Merge(TableEntity current, TableEntity changes)
    {
        var merged = current.Clone();
        foreach (var (property, value) in changes.Properties)
        {
            merged[property] = value;
        }

        return merged;
    }

    private TableEntity? Read(SqliteConnection connection, SqliteTransaction? transaction, string partitionKey, string rowKey)
    {
        using var command = Command(connection, transaction,
            $"""SELECT RowKey, ETag, Timestamp, Properties FROM "{Name}" WHERE PartitionKey = $pk AND RowKey = $rk""",
            new TableEntity(partitionKey, rowKey));
        using var reader = command.ExecuteReader();
        return reader.Read() ? Materialize(partitionKey, rowKey, reader) : null;
    }

    private static TableEntity Materialize(string partitionKey, string rowKey, SqliteDataReader reader)
    {
        var entity = new TableEntity(partitionKey, rowKey)
        {
            ETag = reader.GetString(1),
            Timestamp = DateTimeOffset.Parse(reader.GetString(2), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal),
        };
        using var json = JsonDocument.Parse((byte[])reader.GetValue(3));
        ODataEntityJson.ReadProperties(json.RootElement, entity);
        return entity;
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, string sql, TableEntity keys)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.Parameters.AddWithValue("$pk", keys.PartitionKey);
        command.Parameters.AddWithValue("$rk", keys.RowKey);
        return command;
    }
}
