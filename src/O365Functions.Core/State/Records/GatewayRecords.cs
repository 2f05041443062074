namespace O365Functions.Core.State.Records;

/// <summary>
/// The table every gateway record lives in, opened once per process. A failed open is tried again on the next call
/// rather than remembered, so a store that was briefly unreachable at start does not stay unusable.
/// </summary>
public sealed class GatewayRecords(IEntityStore store) : IDisposable
{
    /// <summary>The table's name.</summary>
    public const string TableName = "records";

    private readonly SemaphoreSlim _opening = new(1, 1);
    private volatile RecordStore? _records;

    /// <inheritdoc />
    public void Dispose() => _opening.Dispose();

    /// <summary>The record store over the table.</summary>
    public async ValueTask<RecordStore> GetAsync(CancellationToken cancellationToken = default)
    {
        if (_records is { } opened)
        {
            return opened;
        }

        await _opening.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return _records ??= new RecordStore(await store.GetTableAsync(TableName, cancellationToken).ConfigureAwait(false));
        }
        finally
        {
            _opening.Release();
        }
    }
}
