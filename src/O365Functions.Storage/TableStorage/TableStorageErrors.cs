using Azure;
using Azure.Data.Tables;
using O365Functions.Core.State;

namespace O365Functions.Storage.TableStorage;

/// <summary>Maps Table service failures onto <see cref="EntityStoreError"/>, keeping the service's own code.</summary>
internal static class TableStorageErrors
{
    public static EntityStoreException From(RequestFailedException failure, string operation)
    {
        var error = failure.Status switch
        {
            404 => EntityStoreError.NotFound,
            409 => EntityStoreError.AlreadyExists,
            412 => EntityStoreError.PreconditionFailed,
            400 or 413 => EntityStoreError.InvalidInput,
            _ => EntityStoreError.Unavailable,
        };
        var detail = failure.ErrorCode is null ? $"HTTP {failure.Status}" : $"HTTP {failure.Status} {failure.ErrorCode}";
        return new EntityStoreException(error, $"Table Storage refused to {operation} ({detail}).", failure)
        {
            FailedActionIndex = (failure as TableTransactionFailedException)?.FailedTransactionActionIndex,
        };
    }
}
