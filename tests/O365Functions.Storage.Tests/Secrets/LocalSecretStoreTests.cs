using O365Functions.Core.Secrets;
using O365Functions.Storage.Secrets;

namespace O365Functions.Storage.Tests.Secrets;

public sealed class LocalSecretStoreTests : IDisposable
{
    private const string AppSecret = "app-secret-Qx7~very.private";
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("o365-secrets-");

    private LocalSecretStoreOptions Options(string keys = "keys") => new()
    {
        SecretsFile = Path.Combine(_folder.FullName, "secrets.json"),
        KeysDirectory = Path.Combine(_folder.FullName, keys),
    };

    [Fact]
    public async Task Secrets_round_trip_and_survive_a_restart()
    {
        using (var store = new LocalSecretStore(Options()))
        {
            await store.SetAsync("application-secret", AppSecret);
        }

        using var reopened = new LocalSecretStore(Options());
        var read = await reopened.GetAsync("application-secret");

        Assert.Equal(AppSecret, read!.Reveal());
    }

    [Fact]
    public async Task The_file_holds_no_plain_secret()
    {
        using var store = new LocalSecretStore(Options());

        await store.SetAsync("application-secret", AppSecret);

        var text = await File.ReadAllTextAsync(Options().SecretsFile);
        Assert.Contains("application-secret", text, StringComparison.Ordinal);
        Assert.DoesNotContain(AppSecret, text, StringComparison.Ordinal);
        Assert.DoesNotContain("very.private", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Each_write_is_a_new_version_and_reads_return_the_latest()
    {
        using var store = new LocalSecretStore(Options());

        var first = await store.SetAsync("token", "one");
        var second = await store.SetAsync("token", "two");
        var read = await store.GetAsync("token");

        Assert.NotEqual(first, second);
        Assert.Equal(second, read!.Version);
        Assert.Equal("two", read.Reveal());
    }

    [Fact]
    public async Task A_missing_secret_is_null()
    {
        using var store = new LocalSecretStore(Options());

        Assert.Null(await store.GetAsync("nothing"));
    }

    [Fact]
    public async Task A_file_read_with_another_key_ring_fails_without_revealing_anything()
    {
        using (var store = new LocalSecretStore(Options()))
        {
            await store.SetAsync("application-secret", AppSecret);
        }

        using var stranger = new LocalSecretStore(Options(keys: "other-keys"));
        var ex = await Assert.ThrowsAsync<SecretStoreException>(() => stranger.GetAsync("application-secret"));

        Assert.Contains("application-secret", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(AppSecret, ex.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stores_of_several_processes_on_one_file_lose_no_write_of_each_other()
    {
        // Each store stands for a process (the gateway, the secrets command): its own lock does not see the others'.
        var stores = Enumerable.Range(0, 4).Select(_ => new LocalSecretStore(Options())).ToList();

        await Task.WhenAll(stores.Select((store, s) => Task.Run(async () =>
        {
            for (var i = 0; i < 30; i++)
            {
                await store.SetAsync($"writer{s}-{i}", "value");
            }
        })));

        Assert.Equal(120, (await stores[0].ListNamesAsync()).Count);
        stores.ForEach(store => store.Dispose());
    }

    [Fact]
    public void A_secret_value_prints_as_stars()
    {
        var value = new SecretValue("name", "v1", AppSecret);

        Assert.Equal("SecretValue { Name = name, Version = v1, Value = *** }", value.ToString());
        Assert.DoesNotContain(AppSecret, $"{value}", StringComparison.Ordinal);
    }

    public void Dispose() => _folder.Delete(recursive: true);
}
