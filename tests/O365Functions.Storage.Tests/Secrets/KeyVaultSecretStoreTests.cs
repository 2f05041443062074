using System.Diagnostics.Tracing;
using System.Net;
using Azure.Core;
using Azure.Core.Diagnostics;
using Azure.Core.Pipeline;
using Azure.Security.KeyVault.Secrets;
using O365Functions.Core.Secrets;
using O365Functions.Storage.Secrets;

namespace O365Functions.Storage.Tests.Secrets;

public sealed class KeyVaultSecretStoreTests(KeyVaultFake vault) : IClassFixture<KeyVaultFake>
{
    private const string RefreshToken = "0.AXoA-very-secret-refresh-token-value";

    [Fact]
    public async Task Secrets_round_trip_over_https_with_the_bearer_challenge()
    {
        var store = CreateStore();

        var version = await store.SetAsync("partner-refresh-token", RefreshToken);
        var read = await store.GetAsync("partner-refresh-token");

        Assert.NotNull(read);
        Assert.Equal(RefreshToken, read.Reveal());
        Assert.Equal(version, read.Version);
        Assert.True(vault.UnauthorizedRequests > 0, "the client never met the bearer challenge");
    }

    [Fact]
    public async Task Each_write_is_a_new_version_and_reads_return_the_latest()
    {
        var store = CreateStore();

        var first = await store.SetAsync("rotating", "one");
        var second = await store.SetAsync("rotating", "two");
        var read = await store.GetAsync("rotating");

        Assert.NotEqual(first, second);
        Assert.Equal(2, vault.VersionCount("rotating"));
        Assert.Equal("two", read!.Reveal());
        Assert.Equal(second, read.Version);
    }

    [Fact]
    public async Task A_missing_secret_is_null()
    {
        Assert.Null(await CreateStore().GetAsync("never-written"));
    }

    [Fact]
    public async Task Secret_values_never_reach_sdk_logs_or_exception_messages()
    {
        var logged = new List<string>();
        using var listener = new AzureEventSourceListener((e, message) =>
        {
            lock (logged)
            {
                logged.Add(message + " " + string.Join(" ", e.Payload ?? []));
            }
        }, EventLevel.Verbose);
        var store = CreateStore();

        await store.SetAsync("logged-secret", RefreshToken);
        var read = await store.GetAsync("logged-secret");
        vault.FailWith = HttpStatusCode.InternalServerError;
        SecretStoreException failure;
        try
        {
            failure = await Assert.ThrowsAsync<SecretStoreException>(() => store.SetAsync("logged-secret", RefreshToken));
        }
        finally
        {
            vault.FailWith = null;
        }

        // The listener hears every Azure SDK in the process, and the Table Storage tests run beside this one.
        string[] lines;
        lock (logged)
        {
            lines = [.. logged];
        }

        Assert.NotEmpty(lines);
        Assert.All(lines, line => Assert.DoesNotContain(RefreshToken, line, StringComparison.Ordinal));
        Assert.DoesNotContain(RefreshToken, failure.ToString(), StringComparison.Ordinal);
        Assert.Contains("logged-secret", failure.Message, StringComparison.Ordinal);
        Assert.Contains("500", failure.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(RefreshToken, read!.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invalid_names_are_refused_before_any_request()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => CreateStore().SetAsync("has_underscore", "x"));
    }

    private KeyVaultSecretStore CreateStore()
    {
        var thumbprint = vault.Certificate.Thumbprint;
        var handler = new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, certificate, _, _) => certificate?.Thumbprint == thumbprint,
        };
        var options = new SecretClientOptions
        {
            DisableChallengeResourceVerification = true,
            Transport = new HttpClientTransport(handler),
            Retry = { MaxRetries = 1, Delay = TimeSpan.FromMilliseconds(10) },
        };
        return new KeyVaultSecretStore(new SecretClient(vault.VaultUri, new StaticTokenCredential(), options));
    }

    private sealed class StaticTokenCredential : TokenCredential
    {
        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            new(KeyVaultFake.Token, DateTimeOffset.UtcNow.AddHours(1));

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            ValueTask.FromResult(GetToken(requestContext, cancellationToken));
    }
}
