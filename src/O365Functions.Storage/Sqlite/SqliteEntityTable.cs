using System.Buffers;
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
    private readonly string _selectRange =
        $"""
        SELECT RowKey, ETag, Timestamp, Properties FROM "{name}"
        WHERE PartitionKey = $pk AND RowKey >= $from AND RowKey < $to AND ($after IS NULL OR RowKey > $after)
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

    public Task<StoredEntity?> GetEntityIfExistsAsync(string partitionKey, string rowKey, CancellationToken cancellationToken = default)
    {
        EntityKeys.Validate(partitionKey, rowKey);
        return Task.FromResult(store.Reads.Read((Table: this, partitionKey, rowKey), static (session, read) =>
            Read(session.Command(read.Table._selectOne), read.partitionKey, read.rowKey)));
    }

    public Task<EntityTag> AddEntityAsync(StoredEntity entity, CancellationToken cancellationToken = default) =>
        ApplyOne(new EntityChange(EntityChangeKind.Add, entity));

    public Task<EntityTag> UpsertEntityAsync(StoredEntity entity, EntityUpdateMode mode, CancellationToken cancellationToken = default) =>
        ApplyOne(new EntityChange(
            mode == EntityUpdateMode.Merge ? EntityChangeKind.UpsertMerge : EntityChangeKind.UpsertReplace, entity));

    public Task<EntityTag> UpdateEntityAsync(StoredEntity entity, EntityTag ifMatch, EntityUpdateMode mode, CancellationToken cancellationToken = default) =>
        ApplyOne(new EntityChange(
            mode == EntityUpdateMode.Merge ? EntityChangeKind.UpdateMerge : EntityChangeKind.UpdateReplace, entity, ifMatch));

    public async Task<bool> DeleteEntityAsync(string partitionKey, string rowKey, EntityTag? ifMatch = null, CancellationToken cancellationToken = default)
    {
        try
        {
            await ApplyOne(new EntityChange(EntityChangeKind.Delete, new StoredEntity(partitionKey, rowKey), ifMatch));
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
        return Task.FromResult(store.Reads.Read((Table: this, partitionKey, after, pageSize), static (session, query) =>
            query.Table.ReadPage(session.Command(query.Table._selectPartition), query.partitionKey, query.after, query.pageSize)));
    }

    public Task<EntityPage> QueryPrefixAsync(string partitionKey, string rowKeyPrefix, string? continuationToken = null, int pageSize = 1000, CancellationToken cancellationToken = default)
    {
        EntityKeys.Validate(partitionKey, string.Empty);
        var end = EntityKeys.PrefixEnd(rowKeyPrefix);
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        var after = continuationToken is null ? null : ContinuationToken.Decode(continuationToken, 1)[0];
        return Task.FromResult(store.Reads.Read((Table: this, partitionKey, rowKeyPrefix, end, after, pageSize), static (session, query) =>
            query.Table.ReadPage(
                session.Command(query.Table._selectRange).Bind("$from", query.rowKeyPrefix).Bind("$to", query.end), query.partitionKey, query.after, query.pageSize)));
    }

    private EntityPage ReadPage(SqliteCommand select, string partitionKey, string? after, int pageSize)
    {
        var command = select
            .Bind("$pk", partitionKey)
            .Bind("$after", (object?)after ?? DBNull.Value)
            .Bind("$take", pageSize + 1);
        var entities = new List<StoredEntity>();
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
        return new EntityPage(entities, token);
    }

    public Task<IReadOnlyList<EntityTag?>> SubmitTransactionAsync(IReadOnlyList<EntityChange> actions, CancellationToken cancellationToken = default)
    {
        EntityKeys.ValidateTransaction(actions);

        // The store's one writer applies it: SQLite would answer a second writer of this process SQLITE_BUSY, which
        // Microsoft.Data.Sqlite waits out in 150 ms sleeps. Other processes still meet the file lock.
        return store.Writes.WriteAsync<IReadOnlyList<EntityTag?>>(session => ApplyAll(session, actions));
    }

    private List<EntityTag?> ApplyAll(SqliteWriteSession session, IReadOnlyList<EntityChange> actions)
    {
        var etags = new List<EntityTag?>(actions.Count);
        for (var i = 0; i < actions.Count; i++)
        {
            try
            {
                etags.Add(Apply(session, actions[i]) is { } etag ? new EntityTag(etag) : null);
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

    private async Task<EntityTag> ApplyOne(EntityChange action)
    {
        var etags = await SubmitTransactionAsync([action]);
        return etags[0] ?? new EntityTag(string.Empty);
    }

    /// <summary>
    /// Applies one action. Replacing and deleting are single conditional statements (the ETag in the WHERE clause, an
    /// upsert as INSERT ... ON CONFLICT); only a merge, and the failure of a condition, read the row first.
    /// </summary>
    private string? Apply(SqliteWriteSession session, EntityChange action)
    {
        var entity = action.Entity;
        switch (action.ActionType)
        {
            case EntityChangeKind.Add:
                return Insert(session, entity);
            case EntityChangeKind.UpsertReplace:
                return Store(session, _upsert, entity, null).ETag;
            case EntityChangeKind.UpsertMerge:
                return ReadInTransaction(session, entity) is { } existing
                    ? Replace(session, Merge(existing, entity), EntityTag.Any.Value)
                    : Insert(session, entity);
            case EntityChangeKind.UpdateReplace:
                return Replace(session, entity, (action.IfMatch ?? EntityTag.Any).Value);
            case EntityChangeKind.UpdateMerge:
                var current = ReadInTransaction(session, entity);
                if (current is null || (action.IfMatch is { IsAny: false } expected && expected != current.ETag))
                {
                    throw MissingOrChanged(entity, current);
                }

                return Replace(session, Merge(current, entity), EntityTag.Any.Value);
            default:
                var delete = Keyed(session.Command(_delete), entity);
                delete.Bind("$ifMatch", (action.IfMatch ?? EntityTag.Any).Value);
                return delete.ExecuteNonQuery() > 0 ? null : throw MissingOrChanged(entity, ReadInTransaction(session, entity));
        }
    }

    private string Insert(SqliteWriteSession session, StoredEntity entity)
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

    private string Replace(SqliteWriteSession session, StoredEntity entity, string ifMatch)
    {
        var (etag, changed) = Store(session, _update, entity, ifMatch);
        return changed ? etag : throw MissingOrChanged(entity, ReadInTransaction(session, entity));
    }

    private static (string ETag, bool Changed) Store(SqliteWriteSession session, string sql, StoredEntity entity, string? ifMatch)
    {
        var etag = $"W/\"{Guid.NewGuid():N}\"";
        var command = Keyed(session.Command(sql), entity);
        command.Bind("$etag", etag);
        command.Bind("$ts", DateTime.UtcNow.ToString("O", CultureInfo.InvariantCulture));
        command.Bind("$props", session.PropertiesOf(entity));
        if (ifMatch is not null)
        {
            command.Bind("$ifMatch", ifMatch);
        }

        return (etag, command.ExecuteNonQuery() > 0);
    }

    /// <summary>Why a conditional write changed nothing: the entity is missing, or its ETag is not the one expected.</summary>
    private EntityStoreException MissingOrChanged(StoredEntity entity, StoredEntity? current) => current is null
        ? new EntityStoreException(EntityStoreError.NotFound,
            $"Entity ({entity.PartitionKey}, {entity.RowKey}) does not exist in table '{Name}'.")
        : new EntityStoreException(EntityStoreError.PreconditionFailed,
            $"Entity ({entity.PartitionKey}, {entity.RowKey}) in table '{Name}' was changed by someone else; read it again and retry.");

    private static StoredEntity Merge(StoredEntity current, StoredEntity changes)
    {
        var merged = current.Clone();
        foreach (var (property, value) in changes.Properties)
        {
            merged[property] = value;
        }

        return merged;
    }

    private StoredEntity? ReadInTransaction(SqliteWriteSession session, StoredEntity keys) =>
        Read(session.Command(_selectOne), keys.PartitionKey, keys.RowKey);

    private static StoredEntity? Read(SqliteCommand select, string partitionKey, string rowKey)
    {
        select.Bind("$pk", partitionKey);
        select.Bind("$rk", rowKey);
        using var reader = select.ExecuteReader();
        return reader.Read() ? Materialize(partitionKey, rowKey, reader) : null;
    }

    private static StoredEntity Materialize(string partitionKey, string rowKey, SqliteDataReader reader)
    {
        // The properties are read through a pooled buffer: every value is copied out before the buffer goes back.
        var length = (int)reader.GetBytes(3, 0, null, 0, 0);
        var buffer = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            reader.GetBytes(3, 0, buffer, 0, length);
            using var json = JsonDocument.Parse(buffer.AsMemory(0, length));
            var entity = new StoredEntity(partitionKey, rowKey, json.RootElement.GetPropertyCount())
            {
                ETag = new EntityTag(reader.GetString(1)),
                Timestamp = DateTimeOffset.Parse(reader.GetString(2), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal),
            };
            ODataEntityJson.ReadProperties(json.RootElement, entity);
            return entity;
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    private static SqliteCommand Keyed(SqliteCommand command, StoredEntity keys)
    {
        command.Bind("$pk", keys.PartitionKey);
        command.Bind("$rk", keys.RowKey);
        return command;
    }
}
