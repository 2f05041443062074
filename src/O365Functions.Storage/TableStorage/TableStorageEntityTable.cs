using System.Text.Json;
using Azure.Core;
using O365Functions.Core.State;
using O365Functions.Storage.Entities;

namespace O365Functions.Storage.TableStorage;

/// <summary>One table of a <see cref="TableStorageEntityStore"/>.</summary>
internal sealed class TableStorageEntityTable(string name, TableStorageEntityStore store) : IEntityTable
{
    internal static readonly RequestMethod Merge = RequestMethod.Parse("MERGE");

    public string Name { get; } = name;

    public async Task<TableEntity?> GetEntityIfExistsAsync(string partitionKey, string rowKey, CancellationToken cancellationToken = default)
    {
        EntityKeys.Validate(partitionKey, rowKey);
        using var message = Create(RequestMethod.Get, EntityPath(Name, partitionKey, rowKey));
        await store.Pipeline.SendAsync(message, cancellationToken);
        return message.Response.Status switch
        {
            200 => Parse(message.Response),
            404 => null,
            _ => throw TableStorageErrors.From(message.Response, $"read ({partitionKey}, {rowKey}) from '{Name}'"),
        };
    }

    public async Task<string> AddEntityAsync(TableEntity entity, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entity);
        EntityKeys.Validate(entity.PartitionKey, entity.RowKey);
        using var message = Create(RequestMethod.Post, Name, entity, includeKeys: true);
        message.Request.Headers.SetValue("Prefer", "return-no-content");
        return await SendWrite(message, $"insert ({entity.PartitionKey}, {entity.RowKey}) into '{Name}'", cancellationToken);
    }

    public Task<string> UpsertEntityAsync(TableEntity entity, TableUpdateMode mode, CancellationToken cancellationToken = default) =>
        Write(entity, ifMatch: null, mode, "upsert", cancellationToken);

    public Task<string> UpdateEntityAsync(TableEntity entity, string ifMatch, TableUpdateMode mode, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(ifMatch);
        return Write(entity, ifMatch, mode, "update", cancellationToken);
    }

    public async Task<bool> DeleteEntityAsync(string partitionKey, string rowKey, string ifMatch = ETags.Any, CancellationToken cancellationToken = default)
    {
        EntityKeys.Validate(partitionKey, rowKey);
        using var message = Create(RequestMethod.Delete, EntityPath(Name, partitionKey, rowKey));
        message.Request.Headers.SetValue("If-Match", ifMatch);
        await store.Pipeline.SendAsync(message, cancellationToken);
        return message.Response.Status switch
        {
            204 or 200 => true,
            404 => false,
            _ => throw TableStorageErrors.From(message.Response, $"delete ({partitionKey}, {rowKey}) from '{Name}'"),
        };
    }

    public async Task<EntityPage> QueryPartitionAsync(string partitionKey, string? continuationToken = null, int pageSize = 1000, CancellationToken cancellationToken = default)
    {
        EntityKeys.Validate(partitionKey, string.Empty);
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        var filter = $"PartitionKey eq '{DoubleQuotes(partitionKey)}'";
        var query = $"?$filter={Uri.EscapeDataString(filter)}&$top={Math.Min(pageSize, 1000)}";
        if (continuationToken is not null)
        {
            var next = ContinuationToken.Decode(continuationToken, 2);
            query += $"&NextPartitionKey={Uri.EscapeDataString(next[0])}&NextRowKey={Uri.EscapeDataString(next[1])}";
        }

        using var message = Create(RequestMethod.Get, $"{Name}(){query}");
        await store.Pipeline.SendAsync(message, cancellationToken);
        if (message.Response.Status != 200)
        {
            throw TableStorageErrors.From(message.Response, $"query partition '{partitionKey}' of '{Name}'");
        }

        using var json = JsonDocument.Parse(message.Response.Content.ToMemory());
        var entities = json.RootElement.GetProperty("value").EnumerateArray().Select(ODataEntityJson.ReadEntity).ToList();
        message.Response.Headers.TryGetValue("x-ms-continuation-NextPartitionKey", out var nextPartition);
        message.Response.Headers.TryGetValue("x-ms-continuation-NextRowKey", out var nextRow);
        var token = nextPartition is not null && nextRow is not null ? ContinuationToken.Encode(nextPartition, nextRow) : null;
        return new EntityPage(entities, token);
    }

    public async Task<IReadOnlyList<string?>> SubmitTransactionAsync(IReadOnlyList<TableTransactionAction> actions, CancellationToken cancellationToken = default)
    {
        EntityKeys.ValidateTransaction(actions);
        var batch = new TableBatch(store.Endpoint, Name, actions);
        using var message = store.Pipeline.CreateMessage();
        message.Request.Method = RequestMethod.Post;
        message.Request.Uri.Reset(new Uri($"{store.Endpoint}/$batch"));
        message.Request.Headers.SetValue("Content-Type", batch.ContentType);
        message.Request.Content = RequestContent.Create(batch.Body);
        await store.Pipeline.SendAsync(message, cancellationToken);
        if (message.Response.Status != 202)
        {
            throw TableStorageErrors.From(message.Response, $"apply a transaction to '{Name}'");
        }

        message.Response.Headers.TryGetValue("Content-Type", out var contentType);
        return TableBatch.ReadResponse(contentType, message.Response.Content.ToString(), Name);
    }

    private async Task<string> Write(TableEntity entity, string? ifMatch, TableUpdateMode mode, string verb, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(entity);
        EntityKeys.Validate(entity.PartitionKey, entity.RowKey);
        using var message = Create(mode == TableUpdateMode.Merge ? Merge : RequestMethod.Put, EntityPath(Name, entity.PartitionKey, entity.RowKey), entity, includeKeys: false);
        if (ifMatch is not null)
        {
            message.Request.Headers.SetValue("If-Match", ifMatch);
        }

        return await SendWrite(message, $"{verb} ({entity.PartitionKey}, {entity.RowKey}) in '{Name}'", cancellationToken);
    }

    private async Task<string> SendWrite(HttpMessage message, string operation, CancellationToken cancellationToken)
    {
        await store.Pipeline.SendAsync(message, cancellationToken);
        if (message.Response.Status is not (201 or 204 or 200))
        {
            throw TableStorageErrors.From(message.Response, operation);
        }

        return message.Response.Headers.ETag?.ToString("H") ?? string.Empty;
    }

    private HttpMessage Create(RequestMethod method, string pathAndQuery, TableEntity? body = null, bool includeKeys = false)
    {
        var message = store.Pipeline.CreateMessage();
        message.Request.Method = method;
        message.Request.Uri.Reset(new Uri($"{store.Endpoint}/{pathAndQuery}"));
        if (body is not null)
        {
            message.Request.Headers.SetValue("Content-Type", "application/json");
            message.Request.Content = RequestContent.Create(ODataEntityJson.Serialize(body, includeKeys));
        }

        return message;
    }

    private static TableEntity Parse(Azure.Response response)
    {
        using var json = JsonDocument.Parse(response.Content.ToMemory());
        var entity = ODataEntityJson.ReadEntity(json.RootElement);
        entity.ETag ??= response.Headers.ETag?.ToString("H");
        return entity;
    }

    /// <summary>The OData address of one entity: keys as quoted literals (quotes doubled), then percent-encoded.</summary>
    internal static string EntityPath(string table, string partitionKey, string rowKey) =>
        $"{table}(PartitionKey='{Uri.EscapeDataString(DoubleQuotes(partitionKey))}',RowKey='{Uri.EscapeDataString(DoubleQuotes(rowKey))}')";

    /// <summary>The inside of an OData string literal: single quotes doubled.</summary>
    private static string DoubleQuotes(string value) => value.Replace("'", "''", StringComparison.Ordinal);
}
