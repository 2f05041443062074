using System.Text.Json;
using O365Functions.Core.Consent;
using O365Functions.Core.State;
using O365Functions.Core.State.Records;
using O365Functions.Storage.Sqlite;

namespace O365Functions.Storage.Tests.Records;

public sealed class RecordStoreTests : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("o365-records-");
    private readonly IEntityTable _table;
    private readonly RecordStore _records;

    public RecordStoreTests()
    {
        _table = new SqliteEntityStore(Path.Combine(_folder.FullName, "gateway.db")).GetTableAsync("gateway").GetAwaiter().GetResult();
        _records = new RecordStore(_table);
    }

    [Fact]
    public async Task Every_record_kind_round_trips()
    {
        var when = new DateTimeOffset(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);
        await RoundTrip(RecordKey.Instance("i1"), new ApplicationInstanceRecord("i1", "global", "ptid", "appid", "sandbox", "indirect", "US", ["US", "CA"], "en-US", "monthly"));
        await RoundTrip(RecordKey.TokenMetadata("i1"), new TokenMetadataRecord("i1", when, when.AddDays(-1), ConsentStatus.Authenticated));
        await RoundTrip(RecordKey.OfferType("i1", "MCOEV"), new OfferTypeRecord("i1", "addon", "MCOEV", "Phone System", "4260988e", null, true, [], ["MCOSTANDARD"], 1, 10000));
        await RoundTrip(RecordKey.Tenant("i1", "t1"), new TenantRecord("i1", "t1", "ms-tenant", "contoso.onmicrosoft.com", "Contoso", "US", TenantStatus.Active,
            [new SubscriptionRecord("ENTERPRISEPACK", "sub-1", "796b6b5f", 5, SubscriptionStatus.Active)]));
        await RoundTrip(RecordKey.User("i1", "t1", "u1"), new UserRecord("i1", "t1", "u1", "uid", "ann@contoso.com", ["ENTERPRISEPACK"]));
        await RoundTrip(RecordKey.Domain("i1", "t1", "d1"), new DomainRecord("i1", "t1", "d1", "contoso.com", DomainStatus.Pending, 2));
        await RoundTrip(RecordKey.Operation("i1", "t1", "op1"), new OperationRecord("i1", "t1", "op1", "provision", "failed", 3, 7,
            new OperationError("orderLicenses", "2030", "The partner may not sell in this country.")));
        await RoundTrip(RecordKey.WebhookEvent("evt-1", when), new WebhookEventRecord("evt-1", "subscription-updated", "/subscriptions/1", when));
    }

    [Fact]
    public async Task A_tenants_records_share_one_partition_and_list_by_kind()
    {
        await _records.PutAsync(RecordKey.Tenant("i1", "t1"), new TenantRecord("i1", "t1", null, null, "Contoso", "US", TenantStatus.Provisioning, []), null);
        await _records.PutAsync(RecordKey.User("i1", "t1", "u1"), new UserRecord("i1", "t1", "u1", null, "a@c.com", []), null);
        await _records.PutAsync(RecordKey.User("i1", "t1", "u2"), new UserRecord("i1", "t1", "u2", null, "b@c.com", []), null);
        await _records.PutAsync(RecordKey.Domain("i1", "t1", "d1"), new DomainRecord("i1", "t1", "d1", "c.com", DomainStatus.Pending, 0), null);
        await _records.PutAsync(RecordKey.User("i1", "t2", "u3"), new UserRecord("i1", "t2", "u3", null, "x@y.com", []), null);

        var users = await _records.ListAsync<UserRecord>(RecordKey.TenantPartition("i1", "t1"));
        var page = await _table.QueryPartitionAsync(RecordKey.TenantPartition("i1", "t1"));

        Assert.Equal(["a@c.com", "b@c.com"], users.Select(u => u.Record.UserPrincipalName));
        Assert.Equal(4, page.Entities.Count);
    }

    [Fact]
    public async Task Writes_are_guarded_by_etag()
    {
        var key = RecordKey.Domain("i1", "t1", "d1");
        var first = await _records.PutAsync(key, new DomainRecord("i1", "t1", "d1", "c.com", DomainStatus.Pending, 0), null);
        await _records.PutAsync(key, new DomainRecord("i1", "t1", "d1", "c.com", DomainStatus.Pending, 1), first);

        var duplicate = await Assert.ThrowsAsync<EntityStoreException>(() => _records.PutAsync(key, new DomainRecord("i1", "t1", "d1", "c.com", DomainStatus.Pending, 9), null));
        var stale = await Assert.ThrowsAsync<EntityStoreException>(() => _records.PutAsync(key, new DomainRecord("i1", "t1", "d1", "c.com", DomainStatus.Verified, 2), first));

        Assert.Equal(EntityStoreError.AlreadyExists, duplicate.Error);
        Assert.Equal(EntityStoreError.PreconditionFailed, stale.Error);
        Assert.Equal(1, (await _records.GetAsync<DomainRecord>(key))!.Record.VerificationAttempts);
    }

    [Fact]
    public async Task Statuses_written_as_words_before_they_were_typed_read_as_the_same_values_and_are_written_back_as_the_same_words()
    {
        var tenantKey = RecordKey.Tenant("i1", "old");
        var tokenKey = RecordKey.TokenMetadata("i1");
        var domainKey = RecordKey.Domain("i1", "old", "d1");
        var userKey = RecordKey.User("i1", "old", "u1");
        await Write(tenantKey, nameof(TenantRecord), """{"instanceId":"i1","apsId":"old","microsoftTenantId":null,"initialDomain":"old.onmicrosoft.com","companyName":"Old","country":"US","status":"awaitingRelationship","subscriptions":[{"provisioningId":"BP","subscriptionId":"s1","offerId":"031c9e47","quantity":3,"status":"suspended","parentSubscriptionId":null,"autoRenewEnabled":true}]}""");
        await Write(tokenKey, nameof(TokenMetadataRecord), """{"instanceId":"i1","lastUsed":null,"lastRotated":null,"status":"consentRequired","detail":"AADSTS700082"}""");
        await Write(domainKey, nameof(DomainRecord), """{"instanceId":"i1","tenantApsId":"old","apsId":"d1","name":"old.example","status":"verified","verificationAttempts":1}""");
        await Write(userKey, nameof(UserRecord), """{"instanceId":"i1","tenantApsId":"old","apsId":"u1","userId":null,"userPrincipalName":"a@old.example","licenses":[],"status":"provisioning"}""");

        var tenant = (await _records.GetAsync<TenantRecord>(tenantKey))!;
        var token = (await _records.GetAsync<TokenMetadataRecord>(tokenKey))!;
        var domain = (await _records.GetAsync<DomainRecord>(domainKey))!;
        var user = (await _records.GetAsync<UserRecord>(userKey))!;
        await _records.PutAsync(tenantKey, tenant.Record, tenant.ETag);
        await _records.PutAsync(tokenKey, token.Record, token.ETag);

        Assert.Equal((TenantStatus.AwaitingRelationship, SubscriptionStatus.Suspended), (tenant.Record.Status, tenant.Record.Subscriptions[0].Status));
        Assert.Equal(ConsentStatus.ConsentRequired, token.Record.Status);
        Assert.Equal(DomainStatus.Verified, domain.Record.Status);
        Assert.Equal(UserStatus.Provisioning, user.Record.Status);
        var tenantData = JsonDocument.Parse((await _table.GetEntityIfExistsAsync(tenantKey.PartitionKey, tenantKey.RowKey))!.GetString("Data")!).RootElement;
        Assert.Equal("awaitingRelationship", tenantData.GetProperty("status").GetString());
        Assert.Equal("suspended", tenantData.GetProperty("subscriptions")[0].GetProperty("status").GetString());
        var tokenData = JsonDocument.Parse((await _table.GetEntityIfExistsAsync(tokenKey.PartitionKey, tokenKey.RowKey))!.GetString("Data")!).RootElement;
        Assert.Equal("consentRequired", tokenData.GetProperty("status").GetString());
    }

    [Fact]
    public async Task A_schema_1_operation_reads_as_schema_2_and_is_written_back_as_2()
    {
        var key = RecordKey.Operation("i1", "t1", "old");
        await _table.AddEntityAsync(new StoredEntity(key.PartitionKey, key.RowKey)
        {
            ["Kind"] = nameof(OperationRecord),
            ["SchemaVersion"] = 1,
            ["Data"] = """{"instanceId":"i1","tenantApsId":"t1","operationId":"old","kind":"provision","status":"failed","completedSteps":2,"totalSteps":5,"error":"Partner Center said no."}""",
        });

        var read = await _records.GetAsync<OperationRecord>(key);
        await _records.PutAsync(key, read!.Record with { Status = "retrying" }, read.ETag);
        var stored = await _table.GetEntityIfExistsAsync(key.PartitionKey, key.RowKey);

        Assert.Equal(new OperationError(null, "Unknown", "Partner Center said no."), read.Record.Error);
        Assert.Equal(2, read.Record.CompletedSteps);
        Assert.Equal(RecordStore.CurrentSchemaVersion, stored!.GetInt32("SchemaVersion"));
        Assert.Equal("Partner Center said no.", JsonDocument.Parse(stored.GetString("Data")!).RootElement.GetProperty("error").GetProperty("message").GetString());
    }

    [Fact]
    public async Task A_schema_1_operation_without_an_error_migrates_to_none()
    {
        var key = RecordKey.Operation("i1", "t1", "fine");
        await _table.AddEntityAsync(new StoredEntity(key.PartitionKey, key.RowKey)
        {
            ["Kind"] = nameof(OperationRecord),
            ["Data"] = """{"instanceId":"i1","tenantApsId":"t1","operationId":"fine","kind":"provision","status":"completed","completedSteps":5,"totalSteps":5,"error":null}""",
        });

        var read = await _records.GetAsync<OperationRecord>(key);

        Assert.Null(read!.Record.Error);
        Assert.Equal("completed", read.Record.Status);
    }

    [Fact]
    public async Task Data_from_a_newer_gateway_is_refused_with_advice()
    {
        var key = RecordKey.Tenant("i1", "future");
        await _table.AddEntityAsync(new StoredEntity(key.PartitionKey, key.RowKey)
        {
            ["Kind"] = nameof(TenantRecord),
            ["SchemaVersion"] = RecordStore.CurrentSchemaVersion + 1,
            ["Data"] = "{}",
        });

        var ex = await Assert.ThrowsAsync<EntityStoreException>(() => _records.GetAsync<TenantRecord>(key));

        Assert.Contains("newer gateway", ex.Message, StringComparison.Ordinal);
        Assert.Contains("Upgrade", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Reading_a_record_as_the_wrong_kind_is_refused()
    {
        var key = RecordKey.Tenant("i1", "t1");
        await _records.PutAsync(key, new TenantRecord("i1", "t1", null, null, "Contoso", "US", TenantStatus.Active, []), null);

        var ex = await Assert.ThrowsAsync<EntityStoreException>(() => _records.GetAsync<UserRecord>(key));

        Assert.Contains(nameof(TenantRecord), ex.Message, StringComparison.Ordinal);
    }

    private async Task RoundTrip<T>(RecordKey key, T record)
    {
        var etag = await _records.PutAsync(key, record, null);
        var read = await _records.GetAsync<T>(key);

        Assert.NotNull(read);
        Assert.Equal(etag, read.ETag);
        Assert.Equal(JsonSerializer.Serialize(record), JsonSerializer.Serialize(read.Record));
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _folder.Delete(recursive: true);
    }

    private Task<EntityTag> Write(RecordKey key, string kind, string data) => _table.AddEntityAsync(new StoredEntity(key.PartitionKey, key.RowKey)
    {
        ["Kind"] = kind,
        ["SchemaVersion"] = RecordStore.CurrentSchemaVersion,
        ["Data"] = data,
    });
}
