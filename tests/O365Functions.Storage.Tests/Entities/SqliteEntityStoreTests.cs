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
        await table.AddEntityAsync(new TableEntity("p", "r") { ["V"] = "kept" });

        var reopened = await new SqliteEntityStore(path).GetTableAsync("durable");

        Assert.Equal("kept", (await reopened.GetEntityIfExistsAsync("p", "r"))!["V"]);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _folder.Delete(recursive: true);
    }
}
