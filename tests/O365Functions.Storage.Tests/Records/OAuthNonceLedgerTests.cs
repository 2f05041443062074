using O365Functions.Core.Security;
using O365Functions.Storage.Sqlite;

namespace O365Functions.Storage.Tests.Records;

public sealed class OAuthNonceLedgerTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("o365-nonces-");

    [Fact]
    public async Task A_nonce_is_accepted_once_and_the_purge_removes_only_nonces_past_the_retention()
    {
        var ledger = new OAuthNonceLedger(new SqliteEntityStore(Path.Combine(_folder.FullName, "gateway.db")));
        var now = new DateTimeOffset(2026, 12, 1, 12, 30, 0, TimeSpan.Zero);
        var old = now - OAuthNonceLedger.Retention - TimeSpan.FromHours(3);

        var first = await ledger.TryUseAsync("key", "n-1", now, CancellationToken.None);
        var replay = await ledger.TryUseAsync("key", "n-1", now, CancellationToken.None);
        var otherKey = await ledger.TryUseAsync("other", "n-1", now, CancellationToken.None);
        await ledger.TryUseAsync("key", "n-old", old, CancellationToken.None);
        await ledger.TryUseAsync("key", "n-old-2", old.AddMinutes(1), CancellationToken.None);

        var purged = await ledger.PurgeAsync(now, CancellationToken.None);
        var recentKept = await ledger.TryUseAsync("key", "n-1", now, CancellationToken.None);
        var oldGone = await ledger.TryUseAsync("key", "n-old", old, CancellationToken.None);

        Assert.True(first);
        Assert.False(replay);
        Assert.True(otherKey);
        Assert.Equal(2, purged);
        Assert.False(recentKept);
        Assert.True(oldGone);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _folder.Delete(recursive: true);
    }
}
