using System.Collections.Concurrent;
using System.Text.Json;
using Azure.Core;
using Azure.Core.Pipeline;
using O365Functions.Core.State;

namespace O365Functions.Storage.TableStorage;

/// <summary>
/// The entity store on Azure Table Storage (or Azurite), spoken over Azure.Core's HTTP pipeline with OData JSON.
/// Azure.Data.Tables is not available to this build; its surface is mirrored by <see cref="IEntityTable"/> so that it
/// can take over without changes above this layer.
/// </summary>
/// <remarks>
/// Sign-in is Shared Key Lite for connection strings (Azurite included) or a bearer token from a
/// <see cref="TokenCredential"/> (managed identity in production). Retries come from the pipeline. A retried insert
/// whose first attempt did land answers <see cref="EntityStoreError.AlreadyExists"/>; callers treat that as "read and
/// compare", which the gateway's records already do.
/// </remarks>
public sealed class TableStorageEntityStore : IEntityStore
{
    private readonly ConcurrentDictionary<string, Lazy<Task<IEntityTable>>> _tables = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Connects with an account key (connection strings, Azurite).</summary>
    public TableStorageEntityStore(TableStorageConnection connection, TableStorageClientOptions? options = null)
        : this(Required(connection).TableEndpoint, new TableSharedKeyLitePolicy(connection.AccountName, connection.AccountKey), options)
    {
    }

    /// <summary>Connects with an Entra token credential (managed identity).</summary>
    public TableStorageEntityStore(Uri tableEndpoint, TokenCredential credential, TableStorageClientOptions? options = null)
        : this(tableEndpoint, new BearerTokenAuthenticationPolicy(credential, "https://storage.azure.com/.default"), options)
    {
    }

    private TableStorageEntityStore(Uri tableEndpoint, HttpPipelinePolicy authentication, TableStorageClientOptions? options)
    {
        ArgumentNullException.ThrowIfNull(tableEndpoint);
        options ??= new TableStorageClientOptions();
        Endpoint = new Uri(tableEndpoint.ToString().TrimEnd('/'));
        Pipeline = HttpPipelineBuilder.Build(options, [new TableHeadersPolicy(options.ServiceVersion)], [authentication], new ResponseClassifier());
    }

    internal Uri Endpoint { get; }

    private static TableStorageConnection Required(TableStorageConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        return connection;
    }

    internal HttpPipeline Pipeline { get; }

    /// <inheritdoc />
    public Task<IEntityTable> GetTableAsync(string tableName, CancellationToken cancellationToken = default)
    {
        EntityKeys.ValidateTableName(tableName);
        var lazy = _tables.GetOrAdd(tableName, name => new Lazy<Task<IEntityTable>>(() => CreateTableAsync(name)));
        return AwaitOrForget(tableName, lazy);
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
        using var message = Pipeline.CreateMessage();
        message.Request.Method = RequestMethod.Post;
        message.Request.Uri.Reset(new Uri($"{Endpoint}/Tables"));
        message.Request.Headers.SetValue("Content-Type", "application/json");
        message.Request.Headers.SetValue("Prefer", "return-no-content");
        message.Request.Content = RequestContent.Create(JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, string> { ["TableName"] = name }));
        await Pipeline.SendAsync(message, CancellationToken.None);
        if (message.Response.Status is not (201 or 204 or 409))
        {
            throw TableStorageErrors.From(message.Response, $"create table '{name}'");
        }

        return new TableStorageEntityTable(name, this);
    }

    /// <summary>Adds the headers every Table service request carries.</summary>
    private sealed class TableHeadersPolicy(string serviceVersion) : HttpPipelineSynchronousPolicy
    {
        public override void OnSendingRequest(HttpMessage message)
        {
            message.Request.Headers.SetValue("x-ms-version", serviceVersion);
            message.Request.Headers.SetValue("DataServiceVersion", "3.0");
            message.Request.Headers.SetValue("MaxDataServiceVersion", "3.0;NetFx");
            if (!message.Request.Headers.Contains("Accept"))
            {
                message.Request.Headers.SetValue("Accept", "application/json;odata=minimalmetadata");
            }
        }
    }
}
