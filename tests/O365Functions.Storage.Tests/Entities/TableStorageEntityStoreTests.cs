using Azure.Core;
using O365Functions.Core.State;
using O365Functions.Storage.TableStorage;

namespace O365Functions.Storage.Tests.Entities;

public sealed class TableStorageEntityStoreTests(AzuriteFixture azurite) : EntityStoreContract, IClassFixture<AzuriteFixture>
{
    private const string WrongKey = "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA==";

    protected override IEntityStore Store { get; } = new TableStorageEntityStore(azurite.ConnectionString);

    [Fact]
    public async Task A_wrong_account_key_is_refused_by_the_service_without_showing_the_key()
    {
        var connection = azurite.ConnectionString.Replace(
            DevelopmentStorage.ConnectionString(1).Split("AccountKey=")[1].Split(';')[0], WrongKey, StringComparison.Ordinal);
        var store = new TableStorageEntityStore(connection);

        var ex = await Assert.ThrowsAsync<EntityStoreException>(() => store.GetTableAsync("forbidden"));

        Assert.Equal(EntityStoreError.Unavailable, ex.Error);
        Assert.Contains("403", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(WrongKey, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_malformed_connection_string_is_refused_with_what_it_needs_and_without_echoing_it()
    {
        var ex = Assert.Throws<EntityStoreException>(() => new TableStorageEntityStore("AccountName=acct AccountKey=c2VjcmV0"));

        Assert.Equal(EntityStoreError.InvalidInput, ex.Error);
        Assert.Contains("AccountName and AccountKey", ex.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("c2VjcmV0", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_token_credential_signs_requests_with_a_bearer_token_for_storage()
    {
        var credential = new RecordingCredential();
        var options = new Azure.Data.Tables.TableClientOptions();
        options.Retry.MaxRetries = 0;
        // Bearer tokens go over HTTPS only; nothing listens on port 1, so only the credential's use is observed.
        var store = new TableStorageEntityStore(new Uri("https://127.0.0.1:1/devstoreaccount1"), credential, options);

        var ex = await Assert.ThrowsAsync<EntityStoreException>(() => store.GetTableAsync("tokens"));

        Assert.Equal(EntityStoreError.Unavailable, ex.Error);

        Assert.Contains("https://storage.azure.com/.default", credential.Scopes);
    }

    private sealed class RecordingCredential : TokenCredential
    {
        public List<string> Scopes { get; } = [];

        public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
        {
            Scopes.AddRange(requestContext.Scopes);
            return new AccessToken("test-token", DateTimeOffset.UtcNow.AddHours(1));
        }

        public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
            new(GetToken(requestContext, cancellationToken));
    }
}
