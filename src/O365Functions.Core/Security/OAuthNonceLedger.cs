using System.Security.Cryptography;
using System.Text;
using O365Functions.Core.State;

namespace O365Functions.Core.Security;

/// <summary>
/// Remembers every OAuth nonce the gateway accepted, in the entity store, so a captured request cannot be sent again:
/// not within the timestamp window, not after a restart, not to another instance of the gateway. One conditional
/// insert per request decides, so two copies racing each other still let only one through. Nonces are kept
/// <see cref="Retention"/> (a request older than the timestamp window is refused before its nonce is looked at) and
/// then purged an hour-partition at a time by <see cref="Jobs.PurgeOAuthNonces"/>.
/// </summary>
public sealed class OAuthNonceLedger(IEntityStore store)
{
    /// <summary>The table nonces are kept in, partitioned by the hour of their timestamp.</summary>
    public const string TableName = "apsnonces";

    /// <summary>How long a nonce is kept; the OAuth timestamp window must be shorter.</summary>
    public static readonly TimeSpan Retention = TimeSpan.FromHours(24);

    /// <summary>How far back before the retention a purge looks, so that missed runs are caught up.</summary>
    public static readonly TimeSpan PurgeLookback = TimeSpan.FromHours(48);

    private const int DeletesPerTransaction = 100;

    /// <summary>Records the nonce; <see langword="false"/> when it was used before with this key and timestamp.</summary>
    public async Task<bool> TryUseAsync(string consumerKey, string nonce, DateTimeOffset timestamp, CancellationToken cancellationToken)
    {
        var table = await store.GetTableAsync(TableName, cancellationToken).ConfigureAwait(false);
        var row = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes($"{consumerKey}\n{nonce}\n{timestamp.ToUnixTimeSeconds()}")));
        try
        {
            await table.AddEntityAsync(new StoredEntity(Partition(timestamp), row), cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (EntityStoreException exception) when (exception.Error == EntityStoreError.AlreadyExists)
        {
            return false;
        }
    }

    /// <summary>Deletes the nonces of the hours from <see cref="PurgeLookback"/> before the retention up to it; returns how many.</summary>
    public async Task<int> PurgeAsync(DateTimeOffset now, CancellationToken cancellationToken)
    {
        var table = await store.GetTableAsync(TableName, cancellationToken).ConfigureAwait(false);
        var deleted = 0;
        var newest = now - Retention;
        for (var hour = newest - PurgeLookback; hour < newest; hour = hour.AddHours(1))
        {
            var partition = Partition(hour);
            var rows = new List<StoredEntity>();
            await foreach (var entity in table.QueryAllAsync(partition, cancellationToken).ConfigureAwait(false))
            {
                rows.Add(entity);
            }

            foreach (var chunk in rows.Chunk(DeletesPerTransaction))
            {
                await table.SubmitTransactionAsync(
                    [.. chunk.Select(e => new EntityChange(EntityChangeKind.Delete, e))], cancellationToken).ConfigureAwait(false);
                deleted += chunk.Length;
            }
        }

        return deleted;
    }

    private static string Partition(DateTimeOffset timestamp) => $"nonce|{timestamp.UtcDateTime:yyyyMMddHH}";
}
