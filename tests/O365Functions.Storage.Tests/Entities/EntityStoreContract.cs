using O365Functions.Core.State;

namespace O365Functions.Storage.Tests.Entities;

/// <summary>
/// The behaviour every <see cref="IEntityStore"/> must have. Each store's test class derives from this one, so SQLite
/// and Table Storage are held to exactly the same assertions.
/// </summary>
public abstract class EntityStoreContract
{
    protected abstract IEntityStore Store { get; }

    private Task<IEntityTable> NewTable() => Store.GetTableAsync("t" + Guid.NewGuid().ToString("N")[..20]);

    [Fact]
    public async Task Every_property_type_reads_back_as_written()
    {
        var table = await NewTable();
        var entity = new StoredEntity("p", "r")
        {
            ["Text"] = "hello",
            ["Flag"] = true,
            ["Small"] = 42,
            ["Big"] = 9_007_199_254_740_993L,
            ["Whole"] = 3.0,
            ["Ratio"] = 0.125,
            ["When"] = new DateTimeOffset(2026, 11, 21, 10, 30, 15, 123, TimeSpan.FromHours(2)),
            ["Id"] = Guid.Parse("6f1c2a7e-0b8e-4c57-9a55-0e1d2c3b4a59"),
            ["Bytes"] = new byte[] { 0, 1, 2, 254, 255 },
        };

        await table.AddEntityAsync(entity);
        var read = await table.GetEntityIfExistsAsync("p", "r");

        Assert.NotNull(read);
        Assert.Equal("hello", read["Text"]);
        Assert.Equal(true, read["Flag"]);
        Assert.Equal(42, read["Small"]);
        Assert.Equal(9_007_199_254_740_993L, read["Big"]);
        Assert.Equal(3.0, read["Whole"]);
        Assert.Equal(0.125, read["Ratio"]);
        Assert.Equal(new DateTimeOffset(2026, 11, 21, 8, 30, 15, 123, TimeSpan.Zero), read["When"]);
        Assert.Equal(Guid.Parse("6f1c2a7e-0b8e-4c57-9a55-0e1d2c3b4a59"), read["Id"]);
        Assert.Equal(new byte[] { 0, 1, 2, 254, 255 }, read["Bytes"]);
        Assert.False(string.IsNullOrEmpty(read.ETag?.Value));
        Assert.NotNull(read.Timestamp);
    }

    [Fact]
    public async Task Reading_a_missing_entity_gives_null()
    {
        var table = await NewTable();

        Assert.Null(await table.GetEntityIfExistsAsync("p", "nothing"));
    }

    [Fact]
    public async Task Adding_an_existing_entity_is_refused()
    {
        var table = await NewTable();
        await table.AddEntityAsync(new StoredEntity("p", "r") { ["V"] = 1 });

        var ex = await Assert.ThrowsAsync<EntityStoreException>(() => table.AddEntityAsync(new StoredEntity("p", "r") { ["V"] = 2 }));

        Assert.Equal(EntityStoreError.AlreadyExists, ex.Error);
        Assert.Equal(1, (await table.GetEntityIfExistsAsync("p", "r"))!["V"]);
    }

    [Fact]
    public async Task Update_with_the_current_etag_wins_and_a_stale_one_is_refused()
    {
        var table = await NewTable();
        var first = await table.AddEntityAsync(new StoredEntity("p", "r") { ["V"] = 1 });

        var second = await table.UpdateEntityAsync(new StoredEntity("p", "r") { ["V"] = 2 }, first, EntityUpdateMode.Replace);
        var ex = await Assert.ThrowsAsync<EntityStoreException>(
            () => table.UpdateEntityAsync(new StoredEntity("p", "r") { ["V"] = 3 }, first, EntityUpdateMode.Replace));

        Assert.NotEqual(first, second);
        Assert.Equal(EntityStoreError.PreconditionFailed, ex.Error);
        var read = await table.GetEntityIfExistsAsync("p", "r");
        Assert.Equal(2, read!["V"]);
        Assert.Equal(second, read.ETag);
    }

    [Fact]
    public async Task Updating_a_missing_entity_is_not_found()
    {
        var table = await NewTable();

        var ex = await Assert.ThrowsAsync<EntityStoreException>(
            () => table.UpdateEntityAsync(new StoredEntity("p", "r") { ["V"] = 1 }, EntityTag.Any, EntityUpdateMode.Merge));

        Assert.Equal(EntityStoreError.NotFound, ex.Error);
    }

    [Fact]
    public async Task Upsert_merge_keeps_other_properties_and_replace_drops_them()
    {
        var table = await NewTable();
        await table.UpsertEntityAsync(new StoredEntity("p", "r") { ["A"] = "a", ["B"] = "b" }, EntityUpdateMode.Merge);

        await table.UpsertEntityAsync(new StoredEntity("p", "r") { ["B"] = "b2", ["C"] = "c" }, EntityUpdateMode.Merge);
        var merged = await table.GetEntityIfExistsAsync("p", "r");
        await table.UpsertEntityAsync(new StoredEntity("p", "r") { ["C"] = "c3" }, EntityUpdateMode.Replace);
        var replaced = await table.GetEntityIfExistsAsync("p", "r");

        Assert.Equal(["A", "B", "C"], merged!.Properties.Keys.Order());
        Assert.Equal("b2", merged["B"]);
        Assert.Equal(["C"], replaced!.Properties.Keys);
        Assert.Equal("c3", replaced["C"]);
    }

    [Fact]
    public async Task Delete_is_conditional_and_reports_whether_anything_was_deleted()
    {
        var table = await NewTable();
        var etag = await table.AddEntityAsync(new StoredEntity("p", "r"));
        await table.UpdateEntityAsync(new StoredEntity("p", "r") { ["V"] = 1 }, etag, EntityUpdateMode.Merge);

        var stale = await Assert.ThrowsAsync<EntityStoreException>(() => table.DeleteEntityAsync("p", "r", etag));
        var deleted = await table.DeleteEntityAsync("p", "r");
        var again = await table.DeleteEntityAsync("p", "r");

        Assert.Equal(EntityStoreError.PreconditionFailed, stale.Error);
        Assert.True(deleted);
        Assert.False(again);
        Assert.Null(await table.GetEntityIfExistsAsync("p", "r"));
    }

    [Fact]
    public async Task Writers_racing_on_one_etag_have_exactly_one_winner()
    {
        var table = await NewTable();
        var etag = await table.AddEntityAsync(new StoredEntity("p", "counter") { ["Owner"] = "none" });

        var writers = Enumerable.Range(0, 16).Select(async i =>
        {
            await Task.Yield();
            try
            {
                await table.UpdateEntityAsync(new StoredEntity("p", "counter") { ["Owner"] = $"w{i}" }, etag, EntityUpdateMode.Replace);
                return $"w{i}";
            }
            catch (EntityStoreException ex) when (ex.Error == EntityStoreError.PreconditionFailed)
            {
                return null;
            }
        });
        var outcomes = await Task.WhenAll(writers);

        var winner = Assert.Single(outcomes, o => o is not null);
        Assert.Equal(winner, (await table.GetEntityIfExistsAsync("p", "counter"))!["Owner"]);
    }

    [Fact]
    public async Task Paging_reads_a_large_partition_exactly_once_in_row_order()
    {
        var table = await NewTable();
        const int count = 2_345;
        for (var start = 0; start < count; start += EntityKeys.MaxTransactionActions)
        {
            var actions = Enumerable.Range(start, Math.Min(EntityKeys.MaxTransactionActions, count - start))
                .Select(i => new EntityChange(EntityChangeKind.Add, new StoredEntity("big", $"{i:D6}") { ["N"] = i }))
                .ToList();
            await table.SubmitTransactionAsync(actions);
        }

        await table.AddEntityAsync(new StoredEntity("other", "000001"));

        var keys = new List<string>();
        string? token = null;
        var pages = 0;
        do
        {
            var page = await table.QueryPartitionAsync("big", token, pageSize: 500);
            keys.AddRange(page.Entities.Select(e => e.RowKey));
            Assert.All(page.Entities, e => Assert.Equal("big", e.PartitionKey));
            token = page.ContinuationToken;
            pages++;
        }
        while (token is not null);

        Assert.Equal(Enumerable.Range(0, count).Select(i => $"{i:D6}"), keys);
        Assert.InRange(pages, 5, 6);
    }

    [Fact]
    public async Task A_prefix_read_pages_through_exactly_the_rows_that_start_with_it()
    {
        var table = await NewTable();
        var keys = new[] { "a_1", "a_2", "a_2_2", "a_3", "a`", "a", "a_", "a^9", "b_1", "a_\u00e9" };
        foreach (var key in keys)
        {
            await table.AddEntityAsync(new StoredEntity("p", key));
        }

        await table.AddEntityAsync(new StoredEntity("other", "a_9"));

        var read = new List<string>();
        string? token = null;
        do
        {
            var page = await table.QueryPrefixAsync("p", "a_", token, pageSize: 2);
            Assert.InRange(page.Entities.Count, 0, 2);
            read.AddRange(page.Entities.Select(e => e.RowKey));
            token = page.ContinuationToken;
        }
        while (token is not null);

        Assert.Equal(["a_", "a_1", "a_2", "a_2_2", "a_3", "a_\u00e9"], read);
        Assert.Empty((await table.QueryPrefixAsync("p", "c_")).Entities);
        var empty = await Assert.ThrowsAsync<EntityStoreException>(() => table.QueryPrefixAsync("p", string.Empty));
        Assert.Equal(EntityStoreError.InvalidInput, empty.Error);
    }

    [Fact]
    public async Task A_transaction_with_one_failing_action_changes_nothing()
    {
        var table = await NewTable();
        var etag = await table.AddEntityAsync(new StoredEntity("p", "existing") { ["V"] = 1 });
        await table.UpdateEntityAsync(new StoredEntity("p", "existing") { ["V"] = 2 }, etag, EntityUpdateMode.Replace);

        var ex = await Assert.ThrowsAsync<EntityStoreException>(() => table.SubmitTransactionAsync(
        [
            new(EntityChangeKind.Add, new StoredEntity("p", "new1")),
            new(EntityChangeKind.UpsertReplace, new StoredEntity("p", "new2")),
            new(EntityChangeKind.UpdateReplace, new StoredEntity("p", "existing") { ["V"] = 3 }, etag),
        ]));

        Assert.Equal(EntityStoreError.PreconditionFailed, ex.Error);
        Assert.Null(await table.GetEntityIfExistsAsync("p", "new1"));
        Assert.Null(await table.GetEntityIfExistsAsync("p", "new2"));
        Assert.Equal(2, (await table.GetEntityIfExistsAsync("p", "existing"))!["V"]);
    }

    [Fact]
    public async Task A_transaction_applies_every_kind_of_action_and_returns_usable_etags()
    {
        var table = await NewTable();
        var updateEtag = await table.AddEntityAsync(new StoredEntity("p", "update") { ["Keep"] = "k", ["V"] = 1 });
        await table.AddEntityAsync(new StoredEntity("p", "delete"));

        var etags = await table.SubmitTransactionAsync(
        [
            new(EntityChangeKind.Add, new StoredEntity("p", "add") { ["V"] = 1 }),
            new(EntityChangeKind.UpdateMerge, new StoredEntity("p", "update") { ["V"] = 2 }, updateEtag),
            new(EntityChangeKind.Delete, new StoredEntity("p", "delete")),
            new(EntityChangeKind.UpsertMerge, new StoredEntity("p", "upsert") { ["V"] = 4 }),
        ]);

        Assert.Equal(4, etags.Count);
        Assert.Null(etags[2]);
        var updated = await table.GetEntityIfExistsAsync("p", "update");
        Assert.Equal("k", updated!["Keep"]);
        Assert.Equal(2, updated["V"]);
        Assert.Equal(etags[1], updated.ETag);
        Assert.Null(await table.GetEntityIfExistsAsync("p", "delete"));
        await table.UpdateEntityAsync(new StoredEntity("p", "add") { ["V"] = 5 }, etags[0]!.Value, EntityUpdateMode.Replace);
    }

    [Fact]
    public async Task A_transaction_across_partitions_is_refused_before_anything_is_sent()
    {
        var table = await NewTable();

        var ex = await Assert.ThrowsAsync<EntityStoreException>(() => table.SubmitTransactionAsync(
        [
            new(EntityChangeKind.Add, new StoredEntity("p1", "a")),
            new(EntityChangeKind.Add, new StoredEntity("p2", "b")),
        ]));

        Assert.Equal(EntityStoreError.InvalidInput, ex.Error);
        Assert.Equal(1, ex.FailedActionIndex);
        Assert.Null(await table.GetEntityIfExistsAsync("p1", "a"));
    }

    [Theory]
    [InlineData("with space")]
    [InlineData("it's 'quoted'")]
    [InlineData("per%cent+plus&amp=eq")]
    [InlineData("ünïcødé 中文 🚀")]
    [InlineData("colon:semi;comma,(paren)*star!bang@at$dollar")]
    [InlineData("''")]
    public async Task Special_characters_in_keys_survive_every_operation(string key)
    {
        var table = await NewTable();

        var etag = await table.AddEntityAsync(new StoredEntity(key, key) { ["V"] = 1 });
        var read = await table.GetEntityIfExistsAsync(key, key);
        await table.UpdateEntityAsync(new StoredEntity(key, key) { ["V"] = 2 }, etag, EntityUpdateMode.Merge);
        var page = await table.QueryPartitionAsync(key);
        var deleted = await table.DeleteEntityAsync(key, key);

        Assert.Equal(key, read!.PartitionKey);
        Assert.Equal(key, read.RowKey);
        var listed = Assert.Single(page.Entities);
        Assert.Equal(key, listed.RowKey);
        Assert.Equal(2, listed["V"]);
        Assert.True(deleted);
    }

    [Theory]
    [InlineData("a/b")]
    [InlineData("a\\b")]
    [InlineData("a#b")]
    [InlineData("a?b")]
    [InlineData("tab\there")]
    public async Task Characters_table_storage_forbids_in_keys_are_refused_everywhere(string key)
    {
        var table = await NewTable();

        var ex = await Assert.ThrowsAsync<EntityStoreException>(() => table.AddEntityAsync(new StoredEntity("p", key)));

        Assert.Equal(EntityStoreError.InvalidInput, ex.Error);
    }

    [Fact]
    public async Task A_bad_continuation_token_is_refused_with_advice()
    {
        var table = await NewTable();

        var ex = await Assert.ThrowsAsync<EntityStoreException>(() => table.QueryPartitionAsync("p", "not-a-token!"));

        Assert.Equal(EntityStoreError.InvalidInput, ex.Error);
    }
}
