using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using O365Functions.Core.State;
using O365Functions.Storage.Entities;

namespace O365Functions.Storage.TableStorage;

/// <summary>
/// An entity-group transaction in the Table service's <c>$batch</c> format: one multipart/mixed batch holding one
/// changeset, each action an embedded HTTP request. The service applies all of them or none.
/// </summary>
internal sealed partial class TableBatch
{
    private readonly string _batchBoundary = $"batch_{Guid.NewGuid():N}";

    public TableBatch(Uri endpoint, string table, IReadOnlyList<TableTransactionAction> actions)
    {
        var changeset = $"changeset_{Guid.NewGuid():N}";
        var body = new StringBuilder();
        body.Append("--").Append(_batchBoundary).Append("\r\n")
            .Append("Content-Type: multipart/mixed; boundary=").Append(changeset).Append("\r\n\r\n");

        foreach (var action in actions)
        {
            var entity = action.Entity;
            var entityPath = TableStorageEntityTable.EntityPath(table, entity.PartitionKey, entity.RowKey);
            var (method, path, ifMatch, withBody) = action.ActionType switch
            {
                TableTransactionActionType.Add => ("POST", table, null, true),
                TableTransactionActionType.UpsertMerge => ("MERGE", entityPath, null, true),
                TableTransactionActionType.UpsertReplace => ("PUT", entityPath, null, true),
                TableTransactionActionType.UpdateMerge => ("MERGE", entityPath, action.IfMatch, true),
                TableTransactionActionType.UpdateReplace => ("PUT", entityPath, action.IfMatch, true),
                _ => ("DELETE", entityPath, (string?)action.IfMatch, false),
            };

            body.Append("--").Append(changeset).Append("\r\n")
                .Append("Content-Type: application/http\r\nContent-Transfer-Encoding: binary\r\n\r\n")
                .Append(method).Append(' ').Append(endpoint).Append('/').Append(path).Append(" HTTP/1.1\r\n")
                .Append("Accept: application/json;odata=minimalmetadata\r\nDataServiceVersion: 3.0\r\n");
            if (ifMatch is not null)
            {
                body.Append("If-Match: ").Append(ifMatch).Append("\r\n");
            }

            if (withBody)
            {
                // Keys go in every body (the service accepts them when they match the URL): Azurite's batch parser
                // cannot read an empty JSON object, which an entity without properties would otherwise be.
                var json = Encoding.UTF8.GetString(ODataEntityJson.Serialize(entity, includeKeys: true));
                body.Append("Content-Type: application/json\r\nPrefer: return-no-content\r\n\r\n").Append(json).Append("\r\n");
            }
            else
            {
                body.Append("\r\n");
            }
        }

        body.Append("--").Append(changeset).Append("--\r\n")
            .Append("--").Append(_batchBoundary).Append("--\r\n");
        Body = Encoding.UTF8.GetBytes(body.ToString());
    }

    public string ContentType => $"multipart/mixed; boundary={_batchBoundary}";

    public byte[] Body { get; }

    /// <summary>
    /// Reads the batch response: on success the ETag of each action in order; on failure, the first failed part is
    /// thrown, with the index the service names in its message (<c>"2:..."</c>) where it does.
    /// </summary>
    public static IReadOnlyList<string?> ReadResponse(string? contentType, string body, string table)
    {
        var etags = new List<string?>();
        foreach (Match part in ResponsePart().Matches(body))
        {
            var status = int.Parse(part.Groups["status"].Value, CultureInfo.InvariantCulture);
            var rest = part.Groups["rest"].Value;
            if (status >= 400)
            {
                var json = rest.IndexOf('{', StringComparison.Ordinal) is var start and >= 0 ? rest[start..] : string.Empty;
                var end = json.LastIndexOf('}');
                var (code, message) = TableStorageErrors.Read(Encoding.UTF8.GetBytes(end >= 0 ? json[..(end + 1)] : json));
                var index = message is not null && FailedIndex().Match(message) is { Success: true } m
                    ? int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture)
                    : (int?)null;
                var error = TableStorageErrors.From(status, code, message, $"apply a transaction to '{table}' (none of it was applied)");
                throw new EntityStoreException(error.Error, error.Message) { FailedActionIndex = index };
            }

            var etag = ETagHeader().Match(rest);
            etags.Add(etag.Success ? etag.Groups[1].Value.Trim() : null);
        }

        if (etags.Count == 0)
        {
            throw new EntityStoreException(EntityStoreError.Unavailable,
                $"Table Storage answered a transaction on '{table}' with no part that could be read (Content-Type {contentType}).");
        }

        return etags;
    }

    [GeneratedRegex(@"HTTP/1\.1 (?<status>\d{3})[^\r\n]*\r?\n(?<rest>.*?)(?=\r?\n--|\z)", RegexOptions.Singleline)]
    private static partial Regex ResponsePart();

    [GeneratedRegex(@"^ETag:\s*(.+?)\r?$", RegexOptions.Multiline | RegexOptions.IgnoreCase)]
    private static partial Regex ETagHeader();

    [GeneratedRegex(@"^(\d+):")]
    private static partial Regex FailedIndex();
}
