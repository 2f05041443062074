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
    public async Task Text_is_stored_with_only_the_escaping_JSON_requires()
    {
        const string Text = "{\"payload\":\"<b>Tom & Jerry's</b> café\"}";
        var table = await Store.GetTableAsync("escaping");
        await table.AddEntityAsync(new StoredEntity("p", "r") { ["V"] = Text });

        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={Path.Combine(_folder.FullName, "gateway.db")}");
        connection.Open();
        using var select = connection.CreateCommand();
        select.CommandText = "SELECT Properties FROM \"escaping\"";
        var stored = System.Text.Encoding.UTF8.GetString((byte[])select.ExecuteScalar()!);

        Assert.Equal(Text, (await table.GetEntityIfExistsAsync("p", "r"))!["V"]);
        Assert.Contains("\\\"payload\\\":\\\"<b>Tom & Jerry's</b> café", stored, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reads_on_many_threads_at_once_each_get_their_own_row()
    {
        var table = await Store.GetTableAsync("readers");
        for (var i = 0; i < 50; i++)
        {
            await table.AddEntityAsync(new StoredEntity("p", $"r{i:D2}") { ["V"] = i });
        }

        // Reading connections and their prepared statements are lent to one read at a time; a statement shared by two
        // reads, or a parameter left from the last one, would hand a caller someone else's row.
        var reads = await Task.WhenAll(Enumerable.Range(0, 2000).Select(n => Task.Run(async () =>
        {
            var i = n % 50;
            var entity = await table.GetEntityIfExistsAsync("p", $"r{i:D2}");
            var page = await table.QueryPartitionAsync("p", pageSize: 1 + i);
            return (i, Read: (int)entity!["V"]!, PageCount: page.Entities.Count);
        })));

        Assert.All(reads, read =>
        {
            Assert.Equal(read.i, read.Read);
            Assert.Equal(read.i + 1, read.PageCount);
        });
        Assert.Null(await table.GetEntityIfExistsAsync("p", "missing"));
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
