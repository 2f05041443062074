using System.Security.Cryptography;
using System.Text;
using O365Functions.Core.State;

namespace O365Functions.Api.Aps.Authentication;

/// <summary>
/// Remembers every OAuth nonce the gateway accepted, in the entity store, so a captured request cannot be sent again:
/// not within the timestamp window, not after a restart, not to another instance of the gateway. One conditional
/// insert per request decides, so two copies racing each other still let only one through.
/// </summary>
public sealed class OAuthNonceLedger(IEntityStore store)
{
    /// <summary>The table nonces are kept in, partitioned by the hour of their timestamp.</summary>
    public const string TableName = "apsnonces";

    private readonly Lazy<Task<IEntityTable>> _table = new(() => store.GetTableAsync(TableName));

    /// <summary>Records the nonce; <see langword="false"/> when it was used before with this key and timestamp.</summary>
    public async Task<bool> TryUseAsync(string consumerKey, string nonce, DateTimeOffset timestamp, CancellationToken cancellationToken)
    {
        var table = await _table.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
        var row = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes($"{consumerKey}\n{nonce}\n{timestamp.ToUnixTimeSeconds()}")));
        try
        {
            await table.AddEntityAsync(new TableEntity($"nonce|{timestamp.UtcDateTime:yyyyMMddHH}", row), cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (EntityStoreException exception) when (exception.Error == EntityStoreError.AlreadyExists)
        {
            return false;
        }
    }
}
