using O365Functions.Core.State;
using O365Functions.Storage.Sqlite;

namespace O365Functions.Storage.Tests.Entities;

public sealed class SqliteEntityStoreTests : EntityStoreContract, IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("o365-sqlite-");

    public SqliteEntityStoreTests()
    {
        Store = new SqliteEntityStore(Path.Combine(_folder.FullName, "gateway.db"));
    }

    protected override IEntityStore Store { get; }

    [Fact]
    public async Task Data_survives_reopening_the_file()
    {
        var path = Path.Combine(_folder.FullName, "gateway.db");
        var table = await Store.GetTableAsync("durable");
        await table.AddEntityAsync(new StoredEntity("p", "r") { ["V"] = "kept" });

        var reopened = await new SqliteEntityStore(path).GetTableAsync("durable");

        Assert.Equal("kept", (await reopened.GetEntityIfExistsAsync("p", "r"))!["V"]);
    }

    [Fact]
    public async Task Concurrent_writes_that_commit_together_fail_alone()
    {
        var table = await Store.GetTableAsync("grouped");

        // Two writers per key race, from many threads at once: the writes are committed in groups, and in every
        // group the loser of each race must be rolled back without taking the winner, or anything else, with it.
        var outcomes = await Task.WhenAll(Enumerable.Range(0, 400).Select(i => Task.Run(async () =>
        {
            try
            {
                await table.AddEntityAsync(new StoredEntity("p", $"r{i / 2}") { ["Writer"] = i });
                return true;
            }
            catch (EntityStoreException exception) when (exception.Error == EntityStoreError.AlreadyExists)
            {
                return false;
            }
        })));
        var stored = await table.QueryPartitionAsync("p", pageSize: 1000);

        Assert.Equal(200, outcomes.Count(added => added));
        Assert.Equal(200, stored.Entities.Count);
        Assert.All(stored.Entities, e => Assert.Equal(int.Parse(e.RowKey[1..], System.Globalization.CultureInfo.InvariantCulture), (int)e["Writer"]! / 2));
    }

    [Fact]
    public async Task A_write_that_fails_alone_in_its_transaction_leaves_the_writer_committing()
    {
        var table = await Store.GetTableAsync("alone");
        var etag = await table.AddEntityAsync(new StoredEntity("p", "r") { ["V"] = 1 });

        // One at a time, each write is the only one of its transaction: a failure rolls that transaction back.
        await Assert.ThrowsAsync<EntityStoreException>(() => table.AddEntityAsync(new StoredEntity("p", "r") { ["V"] = 2 }));
        await Assert.ThrowsAsync<EntityStoreException>(() => table.UpdateEntityAsync(new StoredEntity("p", "r") { ["V"] = 3 }, new EntityTag("W/\"stale\""), EntityUpdateMode.Replace));
        await Assert.ThrowsAsync<EntityStoreException>(() => table.SubmitTransactionAsync(
        [
            new EntityChange(EntityChangeKind.UpsertReplace, new StoredEntity("p", "s") { ["V"] = 4 }),
            new EntityChange(EntityChangeKind.Delete, new StoredEntity("p", "missing")),
        ]));
        await table.UpdateEntityAsync(new StoredEntity("p", "r") { ["V"] = 5 }, etag, EntityUpdateMode.Replace);

        Assert.Equal(5, (await table.GetEntityIfExistsAsync("p", "r"))!["V"]);
        Assert.Null(await table.GetEntityIfExistsAsync("p", "s"));
    }

    public void Dispose()
    {
        ((SqliteEntityStore)Store).Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _folder.Delete(recursive: true);
    }
}
