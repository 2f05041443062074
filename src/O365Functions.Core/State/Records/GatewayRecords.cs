namespace O365Functions.Core.State.Records;

/// <summary>
/// The table every gateway record lives in. The entity store keeps its tables open and tries a failed open again on
/// the next call, so this only keeps the record store over the table once it is had.
/// </summary>
public sealed class GatewayRecords(IEntityStore store)
{
    /// <summary>The table's name.</summary>
    public const string TableName = "records";

    private volatile RecordStore? _records;

    /// <summary>The record store over the table.</summary>
    public async ValueTask<RecordStore> GetAsync(CancellationToken cancellationToken = default) =>
        _records ??= new RecordStore(await store.GetTableAsync(TableName, cancellationToken).ConfigureAwait(false));
}
