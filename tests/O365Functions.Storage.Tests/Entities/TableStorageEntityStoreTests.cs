using O365Functions.Core.State;
using O365Functions.Storage.TableStorage;

namespace O365Functions.Storage.Tests.Entities;

public sealed class TableStorageEntityStoreTests(AzuriteFixture azurite) : EntityStoreContract, IClassFixture<AzuriteFixture>
{
    protected override IEntityStore Store { get; } = new TableStorageEntityStore(azurite.Connection);

    [Fact]
    public async Task A_wrong_account_key_is_refused_by_the_service()
    {
        var wrongKey = Convert.ToBase64String(new byte[64]);
        var store = new TableStorageEntityStore(azurite.Connection with { AccountKey = wrongKey });

        var ex = await Assert.ThrowsAsync<EntityStoreException>(() => store.GetTableAsync("forbidden"));

        Assert.Equal(EntityStoreError.Unavailable, ex.Error);
        Assert.Contains("403", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Connection_string_for_the_development_account_points_at_azurite()
    {
        var connection = TableStorageConnection.Parse("UseDevelopmentStorage=true");

        Assert.Equal(new Uri("http://127.0.0.1:10002/devstoreaccount1"), connection.TableEndpoint);
        Assert.Equal("devstoreaccount1", connection.AccountName);
    }

    [Fact]
    public void Connection_string_with_an_account_builds_the_public_endpoint_and_hides_the_key()
    {
        var connection = TableStorageConnection.Parse("DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=c2VjcmV0;EndpointSuffix=core.windows.net");

        Assert.Equal(new Uri("https://acct.table.core.windows.net"), connection.TableEndpoint);
        Assert.DoesNotContain("c2VjcmV0", connection.ToString(), StringComparison.Ordinal);
    }
}
