using System.Runtime.CompilerServices;

namespace O365Functions.Core.State;

/// <summary>Conveniences over <see cref="IEntityTable"/> that every store gets for free.</summary>
public static class EntityTableExtensions
{
    /// <summary>Every entity of a partition in row-key order, following continuation tokens page by page.</summary>
    public static IAsyncEnumerable<StoredEntity> QueryAllAsync(this IEntityTable table, string partitionKey, CancellationToken cancellationToken = default) =>
        QueryAllAsync(table, partitionKey, rowKeyPrefix: null, cancellationToken);

    /// <summary>Every entity of a partition whose row key starts with <paramref name="rowKeyPrefix"/> (all when null), in row-key order.</summary>
    public static async IAsyncEnumerable<StoredEntity> QueryAllAsync(
        this IEntityTable table, string partitionKey, string? rowKeyPrefix, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(table);
        string? token = null;
        do
        {
            var page = rowKeyPrefix is null
                ? await table.QueryPartitionAsync(partitionKey, token, cancellationToken: cancellationToken).ConfigureAwait(false)
                : await table.QueryPrefixAsync(partitionKey, rowKeyPrefix, token, cancellationToken: cancellationToken).ConfigureAwait(false);
            foreach (var entity in page.Entities)
            {
                yield return entity;
            }

            token = page.ContinuationToken;
        }
        while (token is not null);
    }
}
