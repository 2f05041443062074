using System.Text.Json;
using System.Text.Json.Nodes;

namespace O365Functions.Core.State.Records;

/// <summary>
/// Reads and writes the gateway's records through an <see cref="IEntityTable"/>: each record is one entity holding
/// its kind, the schema version it was written with and its JSON. Reads upgrade old versions with the registered
/// migrations; data written by a newer gateway is refused rather than misread.
/// </summary>
public sealed class RecordStore
{
    /// <summary>The schema version this gateway writes.</summary>
    public const int CurrentSchemaVersion = 2;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly IEntityTable _table;
    private readonly ILookup<string, IRecordMigration> _migrations;

    /// <summary>Creates a record store over <paramref name="table"/> with the built-in migrations.</summary>
    public RecordStore(IEntityTable table)
        : this(table, [new OperationErrorAsObjectMigration()])
    {
    }

    /// <summary>Creates a record store over <paramref name="table"/> with the given migrations.</summary>
    public RecordStore(IEntityTable table, IEnumerable<IRecordMigration> migrations)
    {
        _table = table;
        _migrations = migrations.ToLookup(m => m.Kind, StringComparer.Ordinal);
    }

    /// <summary>Reads a record, upgraded to the current schema, with its ETag; <see langword="null"/> when absent.</summary>
    public async Task<StoredRecord<T>?> GetAsync<T>(RecordKey key, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        var entity = await _table.GetEntityIfExistsAsync(key.PartitionKey, key.RowKey, cancellationToken);
        return entity is null ? null : new StoredRecord<T>(Read<T>(entity), entity.ETag!.Value);
    }

    /// <summary>
    /// Writes a record in the current schema. With <paramref name="ifMatch"/> <see langword="null"/> it must not exist
    /// yet; otherwise the stored ETag must match. Returns the new ETag.
    /// </summary>
    public Task<EntityTag> PutAsync<T>(RecordKey key, T record, EntityTag? ifMatch, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        var entity = new StoredEntity(key.PartitionKey, key.RowKey)
        {
            ["Kind"] = typeof(T).Name,
            ["SchemaVersion"] = CurrentSchemaVersion,
            ["Data"] = JsonSerializer.Serialize(record, Json),
        };
        return ifMatch is null
            ? _table.AddEntityAsync(entity, cancellationToken)
            : _table.UpdateEntityAsync(entity, ifMatch.Value, EntityUpdateMode.Replace, cancellationToken);
    }

    /// <summary>Adds a record unless one is stored under its key: one conditional insert; false when the key was taken.</summary>
    public async Task<bool> TryAddAsync<T>(RecordKey key, T record, CancellationToken cancellationToken = default)
    {
        try
        {
            await PutAsync(key, record, ifMatch: null, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (EntityStoreException taken) when (taken.Error == EntityStoreError.AlreadyExists)
        {
            return false;
        }
    }

    /// <summary>
    /// Writes a record over whatever is stored, or adds it, for records one writer owns at a time (a workflow's result):
    /// when another writer gets in between the read and the write, it reads again and writes on top.
    /// </summary>
    public async Task<EntityTag> UpsertAsync<T>(RecordKey key, T record, CancellationToken cancellationToken = default)
    {
        for (var attempt = 0; ; attempt++)
        {
            var stored = await GetAsync<T>(key, cancellationToken).ConfigureAwait(false);
            try
            {
                return await PutAsync(key, record, stored?.ETag, cancellationToken).ConfigureAwait(false);
            }
            catch (EntityStoreException conflict) when (attempt < 3 && conflict.Error is EntityStoreError.AlreadyExists or EntityStoreError.PreconditionFailed)
            {
            }
        }
    }

    /// <summary>
    /// Deletes a record; with <paramref name="ifMatch"/> only when the stored ETag matches. Returns whether a record
    /// was deleted.
    /// </summary>
    public Task<bool> DeleteAsync(RecordKey key, EntityTag? ifMatch = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(key);
        return _table.DeleteEntityAsync(key.PartitionKey, key.RowKey, ifMatch, cancellationToken);
    }

    /// <summary>Every record of kind <typeparamref name="T"/> in a partition (for example one tenant's users).</summary>
    public async Task<IReadOnlyList<StoredRecord<T>>> ListAsync<T>(string partitionKey, CancellationToken cancellationToken = default)
    {
        var records = new List<StoredRecord<T>>();
        await foreach (var entity in _table.QueryAllAsync(partitionKey, cancellationToken))
        {
            if (entity.GetString("Kind") == typeof(T).Name)
            {
                records.Add(new StoredRecord<T>(Read<T>(entity), entity.ETag!.Value));
            }
        }

        return records;
    }

    /// <summary>
    /// One page of the records of kind <typeparamref name="T"/> in a partition, in row-key order, and the token that
    /// reads the next (null after the last): lists an operator pages through never read a whole partition at once.
    /// A page may hold fewer than <paramref name="pageSize"/> records where other kinds share the partition.
    /// </summary>
    public async Task<RecordPage<T>> ListPageAsync<T>(string partitionKey, string? continuationToken, int pageSize, CancellationToken cancellationToken = default)
    {
        var page = await _table.QueryPartitionAsync(partitionKey, continuationToken, pageSize, cancellationToken).ConfigureAwait(false);
        var records = new List<StoredRecord<T>>(page.Entities.Count);
        foreach (var entity in page.Entities)
        {
            if (entity.GetString("Kind") == typeof(T).Name)
            {
                records.Add(new StoredRecord<T>(Read<T>(entity), entity.ETag!.Value));
            }
        }

        return new RecordPage<T>(records, page.ContinuationToken);
    }

    private T Read<T>(StoredEntity entity)
    {
        var kind = entity.GetString("Kind");
        if (kind != typeof(T).Name)
        {
            throw new EntityStoreException(EntityStoreError.InvalidInput,
                $"Entity ({entity.PartitionKey}, {entity.RowKey}) holds a {kind ?? "record of no kind"}, not a {typeof(T).Name}.");
        }

        var version = entity.GetInt32("SchemaVersion") ?? 1;
        if (version > CurrentSchemaVersion)
        {
            throw new EntityStoreException(EntityStoreError.InvalidInput,
                $"Entity ({entity.PartitionKey}, {entity.RowKey}) was written with schema {version} by a newer gateway; " +
                $"this one reads up to schema {CurrentSchemaVersion}. Upgrade this gateway before it serves that data.");
        }

        var json = JsonNode.Parse(entity.GetString("Data") ?? "{}")!.AsObject();
        for (; version < CurrentSchemaVersion; version++)
        {
            foreach (var migration in _migrations[kind].Where(m => m.FromVersion == version))
            {
                migration.Migrate(json);
            }
        }

        return json.Deserialize<T>(Json)
            ?? throw new EntityStoreException(EntityStoreError.InvalidInput, $"Entity ({entity.PartitionKey}, {entity.RowKey}) holds no record.");
    }
}
