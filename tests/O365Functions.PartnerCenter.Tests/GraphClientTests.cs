using System.Net;
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
        var graph = side.CreateGraphClient();
        var tenant = (await partnerCenter.CreateCustomerAsync(MicrosoftSide.NewCustomer("Woodgrove"))).Id!;
        await partnerCenter.CreateOrderAsync(tenant, MicrosoftSide.OrderOf(E3, 1));

        var alice = await graph.CreateUserAsync(tenant, NewUser("alice", usageLocation: "US"));
        var bob = await graph.CreateUserAsync(tenant, NewUser("bob", usageLocation: "US"));
        var carol = await graph.CreateUserAsync(tenant, NewUser("carol", usageLocation: null));
        var sku = (await graph.ListSubscribedSkusAsync(tenant)).Single();
        var licensed = await graph.AssignLicenseAsync(tenant, alice.Id!, [new AssignedLicense(sku.SkuId)], []);
        var noneLeft = await Assert.ThrowsAsync<GraphException>(() => graph.AssignLicenseAsync(tenant, bob.Id!, [new AssignedLicense(sku.SkuId)], []));
        var noLocation = await Assert.ThrowsAsync<GraphException>(() => graph.AssignLicenseAsync(tenant, carol.Id!, [new AssignedLicense(sku.SkuId)], []));
        var afterAssign = (await graph.ListSubscribedSkusAsync(tenant)).Single();
        await graph.AssignLicenseAsync(tenant, alice.Id!, [], [sku.SkuId]);
        await graph.DeleteUserAsync(tenant, alice.UserPrincipalName!);

        Assert.Equal("ENTERPRISEPACK", sku.SkuPartNumber);
        Assert.Equal((1, 0), (sku.PrepaidUnits!.Enabled, sku.ConsumedUnits));
        Assert.Equal(sku.SkuId, licensed.AssignedLicenses!.Single().SkuId);
        Assert.Equal(1, afterAssign.ConsumedUnits);
        Assert.Contains("no licenses left", noneLeft.Message, StringComparison.Ordinal);
        Assert.Contains("usage location", noLocation.Message, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, noLocation.StatusCode);
        Assert.Null(await graph.GetUserAsync(tenant, alice.Id!));
        Assert.Equal(bob.Id, (await graph.GetUserAsync(tenant, bob.UserPrincipalName!))!.Id);
    }

    [Fact]
    public async Task A_domain_verifies_only_once_its_txt_record_is_published()
    {
        await using var side = await MicrosoftSide.StartAsync();
        var graph = side.CreateGraphClient();
        var tenant = (await side.CreateClient().CreateCustomerAsync(MicrosoftSide.NewCustomer("Fourth Coffee"))).Id!;

        var added = await graph.AddDomainAsync(tenant, "fourthcoffee.example");
        var proof = (await graph.ListVerificationDnsRecordsAsync(tenant, "fourthcoffee.example")).Single();
        var early = await Assert.ThrowsAsync<GraphException>(() => graph.VerifyDomainAsync(tenant, "fourthcoffee.example"));
        side.Emulator.PublishDomainVerificationRecord("fourthcoffee.example");
        var verified = await graph.VerifyDomainAsync(tenant, "fourthcoffee.example");
        var services = await graph.ListServiceConfigurationRecordsAsync(tenant, "fourthcoffee.example");

        Assert.False(added.IsVerified);
        Assert.Equal("Txt", proof.RecordType);
        Assert.StartsWith("MS=ms", proof.Text, StringComparison.Ordinal);
        Assert.Contains(proof.Text!, early.Message, StringComparison.Ordinal);
        Assert.True(verified.IsVerified);
        Assert.Contains(services, record => record.RecordType == "Mx");
    }

    private static GraphUser NewUser(string alias, string? usageLocation) => new()
    {
        DisplayName = alias,
        MailNickname = alias,
        UserPrincipalName = $"{alias}@woodgrove.onmicrosoft.com",
        UsageLocation = usageLocation,
        PasswordProfile = new GraphPasswordProfile("Emulated-" + Guid.NewGuid().ToString("N")[..10]),
    };
}
