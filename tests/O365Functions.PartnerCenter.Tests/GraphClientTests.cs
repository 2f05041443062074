using System.Net;
using Microsoft.Graph.Models;
using O365Functions.Emulators;
using O365Functions.PartnerCenter.Graph;

namespace O365Functions.PartnerCenter.Tests;

public sealed class GraphClientTests
{
    private const string E3 = "796b6b5f-613c-4e24-a17c-eba730d49c02";

    [Fact]
    public async Task Users_are_created_licensed_from_the_tenants_subscriptions_and_deleted()
    {
        await using var side = await MicrosoftSide.StartAsync();
        var partnerCenter = side.CreateClient();
        using var graph = side.CreateGraphClient();
        var tenant = (await partnerCenter.CreateCustomerAsync(MicrosoftSide.NewCustomer("Woodgrove"))).Id!;
        await partnerCenter.CreateOrderAsync(tenant, MicrosoftSide.OrderOf(E3, 1));

        var alice = await graph.CreateUserAsync(tenant, NewUser("alice", usageLocation: "US"));
        var bob = await graph.CreateUserAsync(tenant, NewUser("bob", usageLocation: "US"));
        var carol = await graph.CreateUserAsync(tenant, NewUser("carol", usageLocation: null));
        var sku = (await graph.ListSubscribedSkusAsync(tenant)).Single();
        var licensed = await graph.AssignLicenseAsync(tenant, alice.Id!, [new AssignedLicense { SkuId = sku.SkuId }], []);
        var noneLeft = await Assert.ThrowsAsync<GraphException>(() => graph.AssignLicenseAsync(tenant, bob.Id!, [new AssignedLicense { SkuId = sku.SkuId }], []));
        var noLocation = await Assert.ThrowsAsync<GraphException>(() => graph.AssignLicenseAsync(tenant, carol.Id!, [new AssignedLicense { SkuId = sku.SkuId }], []));
        var afterAssign = (await graph.ListSubscribedSkusAsync(tenant)).Single();
        await graph.AssignLicenseAsync(tenant, alice.Id!, [], [sku.SkuId!.Value]);
        await graph.DeleteUserAsync(tenant, alice.UserPrincipalName!);

        Assert.Equal("ENTERPRISEPACK", sku.SkuPartNumber);
        Assert.Equal((1, 0), (sku.PrepaidUnits!.Enabled, sku.ConsumedUnits));
        Assert.Equal(sku.SkuId, licensed.AssignedLicenses!.Single().SkuId);
        Assert.Equal(1, afterAssign.ConsumedUnits);
        Assert.Contains("no licenses left", noneLeft.Message, StringComparison.Ordinal);
        Assert.Contains("usage location", noLocation.Message, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, noLocation.StatusCode);
        Assert.Equal("Request_BadRequest", noLocation.ErrorCode);
        Assert.Null(await graph.GetUserAsync(tenant, alice.Id!));
        Assert.Equal(bob.Id, (await graph.GetUserAsync(tenant, bob.UserPrincipalName!))!.Id);
    }

    [Fact]
    public async Task Graph_writes_whose_connection_dropped_after_they_took_effect_are_found_not_repeated()
    {
        await using var side = await MicrosoftSide.StartAsync();
        var partnerCenter = side.CreateClient();
        using var graph = side.CreateGraphClient();
        var tenant = (await partnerCenter.CreateCustomerAsync(MicrosoftSide.NewCustomer("Alpine"))).Id!;
        await partnerCenter.CreateOrderAsync(tenant, MicrosoftSide.OrderOf(E3, 2));
        var sku = (await graph.ListSubscribedSkusAsync(tenant)).Single();

        side.Emulator.DropConnectionAfterActionOnce("POST", "/graph/v1.0/users");
        var user = await graph.CreateUserAsync(tenant, NewUser("dana", usageLocation: "US"));
        side.Emulator.DropConnectionAfterActionOnce("POST", "/assignLicense");
        var licensed = await graph.AssignLicenseAsync(tenant, user.Id!, [new AssignedLicense { SkuId = sku.SkuId }], []);
        side.Emulator.DropConnectionAfterActionOnce("POST", "/graph/v1.0/domains");
        var domain = await graph.AddDomainAsync(tenant, "alpine.example");

        var calls = side.Emulator.Snapshot().Calls;
        Assert.Equal("dana@woodgrove.onmicrosoft.com", user.UserPrincipalName);
        Assert.Equal(sku.SkuId, licensed.AssignedLicenses!.Single().SkuId);
        Assert.Equal(1, (await graph.ListSubscribedSkusAsync(tenant)).Single().ConsumedUnits);
        Assert.Equal("alpine.example", domain.Id);
        Assert.Equal(1, calls["POST /graph/v1.0/users"]);
        Assert.Equal(1, calls["POST /graph/v1.0/users/{key}/assignLicense"]);
        Assert.Equal(1, calls["POST /graph/v1.0/domains"]);
    }

    [Fact]
    public async Task A_lost_connection_surfaces_as_a_GraphException_whose_outcome_is_unknown()
    {
        await using var side = await MicrosoftSide.StartAsync();
        using var graph = side.CreateGraphClient();
        var tenant = (await side.CreateClient().CreateCustomerAsync(MicrosoftSide.NewCustomer("Bellows"))).Id!;
        side.Emulator.DropConnectionAfterActionOnce("GET", "/graph/v1.0/subscribedSkus");

        var lost = await Assert.ThrowsAsync<GraphException>(() => graph.ListSubscribedSkusAsync(tenant));

        Assert.True(lost.IsOutcomeUnknown);
        Assert.Contains("may or may not have been carried out", lost.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_domain_verifies_only_once_its_txt_record_is_published()
    {
        await using var side = await MicrosoftSide.StartAsync();
        using var graph = side.CreateGraphClient();
        var tenant = (await side.CreateClient().CreateCustomerAsync(MicrosoftSide.NewCustomer("Fourth Coffee"))).Id!;

        var added = await graph.AddDomainAsync(tenant, "fourthcoffee.example");
        var proof = Assert.IsType<DomainDnsTxtRecord>((await graph.ListVerificationDnsRecordsAsync(tenant, "fourthcoffee.example")).Single());
        var early = await Assert.ThrowsAsync<GraphException>(() => graph.VerifyDomainAsync(tenant, "fourthcoffee.example"));
        side.Emulator.PublishDomainVerificationRecord("fourthcoffee.example");
        var verified = await graph.VerifyDomainAsync(tenant, "fourthcoffee.example");
        var services = await graph.ListServiceConfigurationRecordsAsync(tenant, "fourthcoffee.example");

        Assert.False(added.IsVerified);
        Assert.Equal("Txt", proof.RecordType);
        Assert.StartsWith("MS=ms", proof.Text, StringComparison.Ordinal);
        Assert.Contains(proof.Text!, early.Message, StringComparison.Ordinal);
        Assert.True(verified.IsVerified);
        Assert.Contains(services, record => record is DomainDnsMxRecord { MailExchange: not null });
        Assert.Contains(services, record => record is DomainDnsCnameRecord { CanonicalName: "autodiscover.outlook.com" });
    }

    [Fact]
    public async Task A_token_graph_refuses_is_dropped_and_the_call_made_once_more_with_a_fresh_one()
    {
        await using var side = await MicrosoftSide.StartAsync();
        using var graph = side.CreateGraphClient();
        var tenant = (await side.CreateClient().CreateCustomerAsync(MicrosoftSide.NewCustomer("Contoso"))).Id!;
        await graph.ListSubscribedSkusAsync(tenant);
        var issuedBefore = side.Emulator.Snapshot().RefreshTokensIssued;

        // The emulator's clock moves past the cached token's expiry; the client's clock does not, so it sends it.
        side.Emulator.Clock.Advance(TimeSpan.FromHours(2));
        var skus = await graph.ListSubscribedSkusAsync(tenant);

        Assert.Empty(skus);
        Assert.Equal(issuedBefore + 1, side.Emulator.Snapshot().RefreshTokensIssued);
    }

    [Fact]
    public async Task Throttled_and_unavailable_answers_are_retried_by_the_sdk_pipeline()
    {
        await using var side = await MicrosoftSide.StartAsync(emulator =>
        {
            emulator.GraphFaultRate = 0.25;
            emulator.FaultKinds = EmulatedFault.Throttled | EmulatedFault.ServiceUnavailable;
        });
        using var graph = side.CreateGraphClient(maxRetries: 6);
        var tenant = (await side.CreateClient().CreateCustomerAsync(MicrosoftSide.NewCustomer("Adatum"))).Id!;

        var created = new List<string>();
        for (var i = 0; i < 6; i++)
        {
            created.Add((await graph.CreateUserAsync(tenant, NewUser($"user{i}", usageLocation: "US"))).Id!);
        }

        foreach (var id in created)
        {
            Assert.NotNull(await graph.GetUserAsync(tenant, id));
        }

        Assert.Equal(6, created.Distinct().Count());
        Assert.True(side.Emulator.Snapshot().Faults > 0, "No fault was injected; the test did not exercise the retry handler.");
    }

    [Fact]
    public async Task Tokens_go_only_to_the_configured_graph_host_and_never_over_plain_http_elsewhere()
    {
        var tokens = new FixedTokenSource();
        var options = new GraphOptions { BaseUri = new Uri("https://graph.microsoft.com/v1.0/") };
        var provider = new GraphTokenProvider(tokens, options, "tenant");
        var loopback = new GraphTokenProvider(tokens, new GraphOptions { BaseUri = new Uri("http://127.0.0.1:7072/graph/v1.0/") }, "tenant");

        Assert.Equal("token-for-tenant", await provider.GetAuthorizationTokenAsync(new Uri("https://graph.microsoft.com/v1.0/users")));
        Assert.Empty(await provider.GetAuthorizationTokenAsync(new Uri("https://attacker.example/v1.0/users")));
        Assert.Empty(await provider.GetAuthorizationTokenAsync(new Uri("http://graph.microsoft.com/v1.0/users")));
        Assert.Equal("token-for-tenant", await loopback.GetAuthorizationTokenAsync(new Uri("http://127.0.0.1:7072/graph/v1.0/users")));
    }

    private static User NewUser(string alias, string? usageLocation) => new()
    {
        AccountEnabled = true,
        DisplayName = alias,
        MailNickname = alias,
        UserPrincipalName = $"{alias}@woodgrove.onmicrosoft.com",
        UsageLocation = usageLocation,
        PasswordProfile = new PasswordProfile { Password = "Emulated-" + Guid.NewGuid().ToString("N")[..10], ForceChangePasswordNextSignIn = true },
    };
}
