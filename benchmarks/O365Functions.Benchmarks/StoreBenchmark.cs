using O365Functions.Core.State;
using O365Functions.Storage.Sqlite;
using O365Functions.Storage.TableStorage;

namespace O365Functions.Benchmarks;

/// <summary>
/// Point read, single write and a 100-entity partition query against each entity store, after a warm-up.
/// </summary>
internal static class StoreBenchmark
{
    private const int Warmup = 200;
    private const int Reads = 5_000;
    private const int Writes = 2_000;
    private const int Queries = 500;

    public static async Task<int> RunAsync(string[] args)
    {
        var folder = Directory.CreateTempSubdirectory("o365-bench-");
        Console.WriteLine("| store / operation | n | p50 ms | p95 ms | p99 ms |");
        Console.WriteLine("|---|---|---|---|---|");
        await RunAsync("SQLite", new SqliteEntityStore(Path.Combine(folder.FullName, "bench.db")));
        if (args is ["--azurite-port", var port])
        {
            var azurite = DevelopmentStorage.ConnectionString(int.Parse(port, System.Globalization.CultureInfo.InvariantCulture));
            // The first pass over Azurite also warms the client's code and Azurite's own; only the second is reported
            // as the store's figure (the first pass read 2 to 3 times slower than the second on 2026-12-01).
            await RunAsync("Azurite (first pass, warming)", new TableStorageEntityStore(azurite));
            await RunAsync("Azurite", new TableStorageEntityStore(azurite));
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        folder.Delete(recursive: true);
        return 0;
    }

    private static async Task RunAsync(string storeName, IEntityStore store)
    {
        var table = await store.GetTableAsync("bench" + Guid.NewGuid().ToString("N")[..8]);
        for (var start = 0; start < 1_000; start += 100)
        {
            await table.SubmitTransactionAsync([.. Enumerable.Range(start, 100).Select(i =>
                new EntityChange(EntityChangeKind.Add, Entity("points", i)))]);
        }

        await table.SubmitTransactionAsync([.. Enumerable.Range(0, 100).Select(i =>
            new EntityChange(EntityChangeKind.Add, Entity("hundred", i)))]);

        for (var i = 0; i < Warmup; i++)
        {
            await table.GetEntityIfExistsAsync("points", Key(i % 1_000));
            await table.UpsertEntityAsync(Entity("writes", i), EntityUpdateMode.Replace);
        }

        var read = new LatencyRecorder($"{storeName} point read");
        await read.MeasureAsync(Reads, i => table.GetEntityIfExistsAsync("points", Key(i * 7 % 1_000)));
        var write = new LatencyRecorder($"{storeName} single write (upsert)");
        await write.MeasureAsync(Writes, i => table.UpsertEntityAsync(Entity("writes", i), EntityUpdateMode.Replace));
        var query = new LatencyRecorder($"{storeName} 100-entity partition query");
        await query.MeasureAsync(Queries, async _ =>
        {
            var page = await table.QueryPartitionAsync("hundred", pageSize: 1_000);
            if (page.Entities.Count != 100)
            {
                throw new InvalidOperationException($"expected 100 entities, got {page.Entities.Count}");
            }
        });

        Console.WriteLine(read.Report());
        Console.WriteLine(write.Report());
        Console.WriteLine(query.Report());
    }

    private static string Key(int i) => i.ToString("D6", System.Globalization.CultureInfo.InvariantCulture);

    private static StoredEntity Entity(string partition, int i) => new(partition, Key(i))
    {
        ["TenantId"] = Guid.NewGuid(),
        ["Status"] = "active",
        ["Quantity"] = i,
        ["Updated"] = DateTimeOffset.UtcNow,
        ["Note"] = "a typical gateway record with a few short properties",
    };
}
