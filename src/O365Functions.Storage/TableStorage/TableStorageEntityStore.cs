using System.Collections.Concurrent;
using Azure;
using Azure.Core;
using Azure.Data.Tables;
using O365Functions.Core.State;

namespace O365Functions.Storage.TableStorage;

/// <summary>
/// The entity store on Azure Table Storage (or Azurite): a thin adapter over Azure.Data.Tables, which does the
/// signing, OData, paging, batching and retries. The adapter keeps the store port's rules (keys checked alike on
/// every store, opaque continuation tokens, errors as <see cref="EntityStoreException"/>).
/// </summary>
/// <remarks>
/// A retried insert whose first attempt did land answers <see cref="EntityStoreError.AlreadyExists"/>; callers treat
/// that as "read and compare", which the gateway's records already do.
/// </remarks>
public sealed class TableStorageEntityStore : IEntityStore
{
    private readonly ConcurrentDictionary<string, Lazy<Task<IEntityTable>>> _tables = new(StringComparer.OrdinalIgnoreCase);
    private readonly TableServiceClient _service;

    /// <summary>Connects with a storage connection string (account key or SAS; <c>UseDevelopmentStorage=true</c> for Azurite).</summary>
    public TableStorageEntityStore(string connectionString, TableClientOptions? options = null)
        : this(CreateService(connectionString, options))
    {
    }

    /// <summary>Connects to the table endpoint with an Entra credential (managed identity in production).</summary>
    public TableStorageEntityStore(Uri tableEndpoint, TokenCredential credential, TableClientOptions? options = null)
        : this(new TableServiceClient(tableEndpoint ?? throw new ArgumentNullException(nameof(tableEndpoint)), credential, options))
    {
    }

    /// <summary>Uses a service client configured elsewhere.</summary>
    public TableStorageEntityStore(TableServiceClient service)
    {
        ArgumentNullException.ThrowIfNull(service);
        _service = service;
    }

    /// <inheritdoc />
    public Task<IEntityTable> GetTableAsync(string tableName, CancellationToken cancellationToken = default)
    {
        EntityKeys.ValidateTableName(tableName);
        var lazy = _tables.GetOrAdd(tableName, name => new Lazy<Task<IEntityTable>>(() => CreateTableAsync(name)));
        return AwaitOrForget(tableName, lazy);
    }

    private static TableServiceClient CreateService(string connectionString, TableClientOptions? options)
    {
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            throw new ArgumentException(
                "A Table Storage connection string is required; for managed identity, give the table endpoint and a credential instead.",
                nameof(connectionString));
        }

        try
        {
            return new TableServiceClient(connectionString, options);
        }
        catch (Exception ex) when (ex is FormatException or InvalidOperationException or ArgumentException)
        {
            // The SDK's message may quote the connection string, account key included.
            throw new EntityStoreException(EntityStoreError.InvalidInput,
                "The Table Storage connection string is malformed: it needs AccountName and AccountKey (or a SAS), " +
                "or UseDevelopmentStorage=true for Azurite.");
        }
    }

    private async Task<IEntityTable> AwaitOrForget(string tableName, Lazy<Task<IEntityTable>> lazy)
    {
        try
        {
            return await lazy.Value;
        }
        catch
        {
            _tables.TryRemove(new KeyValuePair<string, Lazy<Task<IEntityTable>>>(tableName, lazy));
            throw;
        }
    }

    private async Task<IEntityTable> CreateTableAsync(string name)
    {
        var client = _service.GetTableClient(name);
        try
        {
            await client.CreateIfNotExistsAsync(CancellationToken.None);
        }
        catch (RequestFailedException ex)
        {
            throw TableStorageErrors.From(ex, $"create table '{name}'");
        }

        return new TableStorageEntityTable(client);
    }
}
