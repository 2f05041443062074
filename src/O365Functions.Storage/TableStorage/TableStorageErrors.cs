using System.Text.Json;
using Azure;
using O365Functions.Core.State;

namespace O365Functions.Storage.TableStorage;

/// <summary>Maps Table service error responses onto <see cref="EntityStoreError"/>, keeping the service's own code and message.</summary>
internal static class TableStorageErrors
{
    public static EntityStoreException From(Response response, string operation)
    {
        var (code, message) = Read(response.Content.ToMemory().Span);
        return From(response.Status, code, message, operation);
    }

    public static EntityStoreException From(int status, string? code, string? message, string operation)
    {
        var error = status switch
        {
            404 => EntityStoreError.NotFound,
            409 => EntityStoreError.AlreadyExists,
            412 => EntityStoreError.PreconditionFailed,
            400 or 413 => EntityStoreError.InvalidInput,
            _ => EntityStoreError.Unavailable,
        };
        var detail = code is null ? $"HTTP {status}" : $"HTTP {status} {code}";
        return new EntityStoreException(error, $"Table Storage refused to {operation} ({detail}): {message ?? "no message"}");
    }

    /// <summary>Reads <c>odata.error.code</c> and <c>odata.error.message.value</c> from a JSON error body, where present.</summary>
    public static (string? Code, string? Message) Read(ReadOnlySpan<byte> body)
    {
        if (body.IsEmpty)
        {
            return (null, null);
        }

        try
        {
            using var json = JsonDocument.Parse(body.ToArray());
            if (json.RootElement.TryGetProperty("odata.error", out var error))
            {
                var code = error.TryGetProperty("code", out var c) ? c.GetString() : null;
                var message = error.TryGetProperty("message", out var m)
                    ? m.ValueKind == JsonValueKind.Object && m.TryGetProperty("value", out var v) ? v.GetString() : m.ToString()
                    : null;
                return (code, message);
            }
        }
        catch (JsonException)
        {
        }

        return (null, System.Text.Encoding.UTF8.GetString(body));
    }
}
