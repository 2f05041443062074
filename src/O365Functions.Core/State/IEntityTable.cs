namespace O365Functions.Core.State;

/// <summary>
/// One table of entities, with the semantics of Azure Table Storage: point reads, ETag-guarded writes, partition
/// queries with continuation, and all-or-nothing transactions within one partition.
/// </summary>
/// <remarks>
/// Every write that can race takes an ETag: of two writers holding the same ETag, exactly one wins and the other gets
/// <see cref="EntityStoreError.PreconditionFailed"/>, re-reads and decides again. The members mirror
/// Azure.Data.Tables' <c>TableClient</c> so that the client can replace our own implementation where it is available.
/// </remarks>
public interface IEntityTable
{
    /// <summary>The table's name.</summary>
    string Name { get; }

    /// <summary>Reads one entity, or returns <see langword="null"/> when it does not exist.</summary>
    Task<StoredEntity?> GetEntityIfExistsAsync(string partitionKey, string rowKey, CancellationToken cancellationToken = default);

    /// <summary>Inserts an entity; <see cref="EntityStoreError.AlreadyExists"/> if its keys are taken. Returns the new ETag.</summary>
    Task<EntityTag> AddEntityAsync(StoredEntity entity, CancellationToken cancellationToken = default);

    /// <summary>Inserts the entity, or merges into or replaces the existing one. Returns the new ETag.</summary>
    Task<EntityTag> UpsertEntityAsync(StoredEntity entity, EntityUpdateMode mode, CancellationToken cancellationToken = default);

    /// <summary>
    /// Updates an existing entity if its ETag equals <paramref name="ifMatch"/> (or any, with <see cref="EntityTag.Any"/>).
    /// Fails with <see cref="EntityStoreError.NotFound"/> or <see cref="EntityStoreError.PreconditionFailed"/>. Returns the new ETag.
    /// </summary>
    Task<EntityTag> UpdateEntityAsync(StoredEntity entity, EntityTag ifMatch, EntityUpdateMode mode, CancellationToken cancellationToken = default);

    /// <summary>
    /// Deletes an entity if its ETag matches <paramref name="ifMatch"/> (any, when none is given). Returns <see langword="false"/> when there was nothing to delete;
    /// fails with <see cref="EntityStoreError.PreconditionFailed"/> when the ETag differs.
    /// </summary>
    Task<bool> DeleteEntityAsync(string partitionKey, string rowKey, EntityTag? ifMatch = null, CancellationToken cancellationToken = default);

    /// <summary>Reads up to <paramref name="pageSize"/> entities of a partition in row-key order, from where the token says.</summary>
    Task<EntityPage> QueryPartitionAsync(string partitionKey, string? continuationToken = null, int pageSize = 1000, CancellationToken cancellationToken = default);

    /// <summary>
    /// Reads up to <paramref name="pageSize"/> entities of a partition whose row keys start with
    /// <paramref name="rowKeyPrefix"/>, in row-key order: a range read, so the few rows of a large partition that
    /// match cost what they are, not what the partition is.
    /// </summary>
    Task<EntityPage> QueryPrefixAsync(string partitionKey, string rowKeyPrefix, string? continuationToken = null, int pageSize = 1000, CancellationToken cancellationToken = default);

    /// <summary>
    /// Applies up to 100 actions on one partition as a whole: all take effect or none does. Returns the new ETag of
    /// each action's entity, in order (<see langword="null"/> for deletes).
    /// </summary>
    Task<IReadOnlyList<EntityTag?>> SubmitTransactionAsync(IReadOnlyList<EntityChange> actions, CancellationToken cancellationToken = default);
}
