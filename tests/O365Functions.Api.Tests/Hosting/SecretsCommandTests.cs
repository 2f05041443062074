using O365Functions.Storage.Secrets;

namespace O365Functions.Api.Tests.Hosting;

/// <summary><c>secrets set | list | delete</c> of the local gateway, run as the provider runs it: a process with standard input.</summary>
public sealed class SecretsCommandTests : IDisposable
{
    private readonly DirectoryInfo _data = Directory.CreateTempSubdirectory("o365-secrets-");

    [Fact]
    public async Task A_secret_set_from_standard_input_is_stored_encrypted_listed_by_name_only_and_readable_by_the_gateways_store()
    {
        var set = await RunAsync("o9-Vt3!consumer-secret\n", "secrets", "set", "aps-oauth-consumer-secret");
        var list = await RunAsync(null, "secrets", "list");

        Assert.Equal(0, set.ExitCode);
        Assert.Equal(0, list.ExitCode);
        Assert.StartsWith("aps-oauth-consumer-secret\n", list.Output, StringComparison.Ordinal);
        Assert.Contains("aps-oauth-consumer-secret (the APS controller's OAuth consumer secret, stored)", list.Output, StringComparison.Ordinal);
        Assert.Contains("gateway-admin-key (the operators' admin key, not stored)", list.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("o9-Vt3!consumer-secret", set.Output + set.Error + list.Output, StringComparison.Ordinal);
        Assert.DoesNotContain("o9-Vt3!consumer-secret", await File.ReadAllTextAsync(Path.Combine(_data.FullName, "secrets.json")), StringComparison.Ordinal);
        using var store = new LocalSecretStore(LocalSecretStoreOptions.In(_data.FullName));
        Assert.Equal("o9-Vt3!consumer-secret", (await store.GetAsync("aps-oauth-consumer-secret"))!.Reveal());
    }

    [Fact]
    public async Task A_value_on_the_command_line_an_empty_value_and_a_bad_name_are_refused_and_nothing_is_stored()
    {
        var onCommandLine = await RunAsync(null, "secrets", "set", "gateway-admin-key", "hunter2");
        var empty = await RunAsync(string.Empty, "secrets", "set", "gateway-admin-key");
        var badName = await RunAsync("value\n", "secrets", "set", "bad_name");
        var list = await RunAsync(null, "secrets", "list");

        Assert.Equal(2, onCommandLine.ExitCode);
        Assert.Contains("standard input, never from the command line", onCommandLine.Error, StringComparison.Ordinal);
        Assert.Equal(2, empty.ExitCode);
        Assert.Contains("No value was given", empty.Error, StringComparison.Ordinal);
        Assert.Equal(2, badName.ExitCode);
        Assert.Contains("letters, digits and dashes", badName.Error, StringComparison.Ordinal);
        Assert.StartsWith("The gateway reads:", list.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_deleted_secret_is_gone()
    {
        await RunAsync("k3y\n", "secrets", "set", "gateway-admin-key");

        var deleted = await RunAsync(null, "secrets", "delete", "gateway-admin-key");
        var list = await RunAsync(null, "secrets", "list");

        Assert.Equal(0, deleted.ExitCode);
        Assert.Contains("Deleted 'gateway-admin-key'", deleted.Output, StringComparison.Ordinal);
        Assert.Contains("gateway-admin-key (the operators' admin key, not stored)", list.Output, StringComparison.Ordinal);
    }

    public void Dispose() => _data.Delete(recursive: true);

    private Task<(int ExitCode, string Output, string Error)> RunAsync(string? input, params string[] args) =>
        LocalGatewayCommand.RunAsync(input, [.. args, "--Storage:DataDirectory", _data.FullName]);
}
