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

    private readonly string _selectOne = $"""SELECT RowKey, ETag, Timestamp, Properties FROM "{name}" WHERE PartitionKey = $pk AND RowKey = $rk""";
    private readonly string _selectPartition =
        $"""
        SELECT RowKey, ETag, Timestamp, Properties FROM "{name}"
        WHERE PartitionKey = $pk AND ($after IS NULL OR RowKey > $after)
        ORDER BY RowKey LIMIT $take
        """;
    private readonly string _insert = $"""INSERT INTO "{name}" (PartitionKey, RowKey, ETag, Timestamp, Properties) VALUES ($pk, $rk, $etag, $ts, $props)""";
    private readonly string _upsert =
        $"""
        INSERT INTO "{name}" (PartitionKey, RowKey, ETag, Timestamp, Properties) VALUES ($pk, $rk, $etag, $ts, $props)
        ON CONFLICT (PartitionKey, RowKey) DO UPDATE SET ETag = excluded.ETag, Timestamp = excluded.Timestamp, Properties = excluded.Properties
        """;
    private readonly string _update =
        $"""
        UPDATE "{name}" SET ETag = $etag, Timestamp = $ts, Properties = $props
        WHERE PartitionKey = $pk AND RowKey = $rk AND ($ifMatch = '*' OR ETag = $ifMatch)
        """;
    private readonly string _delete = $"""DELETE FROM "{name}" WHERE PartitionKey = $pk AND RowKey = $rk AND ($ifMatch = '*' OR ETag = $ifMatch)""";

    public string Name { get; } = name;

    public Task<TableEntity?> GetEntityIfExistsAsync(string partitionKey, string rowKey, CancellationToken cancellationToken = default)
    {
        EntityKeys.Validate(partitionKey, rowKey);
        using var connection = store.Open();
        using var command = connection.CreateCommand();
        command.CommandText = _selectOne;
        return Task.FromResult(Read(command, partitionKey, rowKey));
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
        command.CommandText = _selectPartition;
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
        return store.Writes.WriteAsync<IReadOnlyList<string?>>(session => ApplyAll(session, actions));
    }

    private List<string?> ApplyAll(SqliteWriteSession session, IReadOnlyList<TableTransactionAction> actions)
    {
        var etags = new List<string?>(actions.Count);
        for (var i = 0; i < actions.Count; i++)
        {
            try
            {
                etags.Add(Apply(session, actions[i]));
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

    /// <summary>
    /// Applies one action. Replacing and deleting are single conditional statements (the ETag in the WHERE clause, an
    /// upsert as INSERT ... ON CONFLICT); only a merge, and the failure of a condition, read the row first.
    /// </summary>
    private string? Apply(SqliteWriteSession session, TableTransactionAction action)
    {
        var entity = action.Entity;
        switch (action.ActionType)
        {
            case TableTransactionActionType.Add:
                return Insert(session, entity);
            case TableTransactionActionType.UpsertReplace:
                return Store(session, _upsert, entity, null).ETag;
            case TableTransactionActionType.UpsertMerge:
                return ReadInTransaction(session, entity) is { } existing
                    ? Replace(session, Merge(existing, entity), ETags.Any)
                    : Insert(session, entity);
            case TableTransactionActionType.UpdateReplace:
                return Replace(session, entity, action.IfMatch);
            case TableTransactionActionType.UpdateMerge:
                var current = ReadInTransaction(session, entity);
                if (current is null || (action.IfMatch != ETags.Any && !string.Equals(action.IfMatch, current.ETag, StringComparison.Ordinal)))
                {
                    throw MissingOrChanged(entity, current);
                }

                return Replace(session, Merge(current, entity), ETags.Any);
            default:
                var delete = Keyed(session.Command(_delete), entity);
                delete.Parameters.AddWithValue("$ifMatch", action.IfMatch);
                return delete.ExecuteNonQuery() > 0 ? null : throw MissingOrChanged(entity, ReadInTransaction(session, entity));
        }
    }

    private string Insert(SqliteWriteSession session, TableEntity entity)
    {
        try
        {
            return Store(session, _insert, entity, null).ETag;
        }
        catch (SqliteException ex) when (ex.SqliteErrorCode == SqliteConstraintError)
        {
            throw new EntityStoreException(EntityStoreError.AlreadyExists,
                $"Entity ({entity.PartitionKey}, {entity.RowKey}) already exists in table '{Name}'.", ex);
        }
    }

    private string Replace(SqliteWriteSession session, TableEntity entity, string ifMatch)
    {
        var (etag, changed) = Store(session, _update, entity, ifMatch);
        return changed ? etag : throw MissingOrChanged(entity, ReadInTransaction(session, entity));
    }

    private static (string ETag, bool Changed) Store(SqliteWriteSession session, string sql, TableEntity entity, string? ifMatch)
    {
        var etag = $"W/\"{Guid.NewGuid():N}\"";
        var command = Keyed(session.Command(sql), entity);
        command.Parameters.AddWithValue("$etag", etag);
        command.Parameters.AddWithValue("$ts", DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture));
        command.Parameters.AddWithValue("$props", ODataEntityJson.Serialize(entity, includeKeys: false));
        if (ifMatch is not null)
        {
            command.Parameters.AddWithValue("$ifMatch", ifMatch);
        }

        return (etag, command.ExecuteNonQuery() > 0);
    }

    /// <summary>Why a conditional write changed nothing: the entity is missing, or its ETag is not the one expected.</summary>
    private EntityStoreException MissingOrChanged(TableEntity entity, TableEntity? current) => current is null
        ? new EntityStoreException(EntityStoreError.NotFound,
            $"Entity ({entity.PartitionKey}, {entity.RowKey}) does not exist in table '{Name}'.")
        : new EntityStoreException(EntityStoreError.PreconditionFailed,
            $"Entity ({entity.PartitionKey}, {entity.RowKey}) in table '{Name}' was changed by someone else; read it again and retry.");

    private static TableEntity Merge(TableEntity current, TableEntity changes)
    {
        var merged = current.Clone();
        foreach (var (property, value) in changes.Properties)
        {
            merged[property] = value;
        }

        return merged;
    }

    private TableEntity? ReadInTransaction(SqliteWriteSession session, TableEntity keys) =>
        Read(session.Command(_selectOne), keys.PartitionKey, keys.RowKey);

    private static TableEntity? Read(SqliteCommand select, string partitionKey, string rowKey)
    {
        select.Parameters.AddWithValue("$pk", partitionKey);
        select.Parameters.AddWithValue("$rk", rowKey);
        using var reader = select.ExecuteReader();
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

    private static SqliteCommand Keyed(SqliteCommand command, TableEntity keys)
    {
        command.Parameters.AddWithValue("$pk", keys.PartitionKey);
        command.Parameters.AddWithValue("$rk", keys.RowKey);
        return command;
    }
}
