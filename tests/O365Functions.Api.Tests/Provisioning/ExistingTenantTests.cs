using System.Net;
using System.Text.Json.Nodes;
using O365Functions.Api.Tests.Aps;
using static O365Functions.Api.Tests.Provisioning.TenantScenario;

namespace O365Functions.Api.Tests.Provisioning;

/// <summary>Linking an existing organization through the reseller relationship, and following one operation through the logs.</summary>
public sealed class ExistingTenantTests(ProvisioningGatewayFixture fixture) : IClassFixture<ProvisioningGatewayFixture>
{
    private ApsGateway Gateway => fixture.Gateway;

    [Fact]
    public async Task An_existing_organization_shows_the_relationship_link_waits_for_its_admin_then_is_bought_for()
    {
        await using var scenario = await StartAsync(Gateway);
        var domain = $"fabrikam{Guid.NewGuid():N}"[..20] + ".onmicrosoft.com";
        Gateway.Microsoft.AddForeignOrganization(domain);
        var (id, order) = ExistingOrganizationOrder(scenario, domain, Licenses(("O365_BUSINESS_PREMIUM", 4)));

        var provisioning = scenario.Controller.ProvisionAsync("tenants", order);
        var info = await InfoOnceAtAsync(scenario.Controller, order, "accept the reseller relationship");
        var waiting = (await scenario.Controller.RetrieveAsync("tenants", id)).Body;
        var customerId = Gateway.Microsoft.AcceptResellerRelationship(domain);
        var (_, outcome) = await provisioning;
        var customer = Gateway.Microsoft.Customers().Single(c => c.Id == customerId);

        Assert.Contains("invType=ResellerRelationship", waiting!["relationshipUrl"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains(waiting["relationshipUrl"]!.GetValue<string>(), info, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, outcome.Status);
        Assert.Equal(customerId, outcome.Body!["tenantId"]!.GetValue<string>());
        Assert.True(customer.AgreementAttested);
        Assert.Equal("031c9e47-4802-4248-838e-778fb1d2cc05", customer.Subscriptions.Single().OfferId);
    }

    [Fact]
    public async Task A_linked_organization_is_asked_for_admin_access_and_once_its_admin_approves_users_can_be_managed()
    {
        const string Group = "6a1b2c3d-0000-4000-8000-00000000aaaa";
        await using var scenario = await StartAsync(Gateway, settings: s => s["adminAccessGroupId"] = Group);
        var domain = $"gdap{Guid.NewGuid():N}"[..20] + ".onmicrosoft.com";
        Gateway.Microsoft.AddForeignOrganization(domain);
        var (id, order) = ExistingOrganizationOrder(scenario, domain, Licenses(("O365_BUSINESS_PREMIUM", 2)));

        var provisioning = scenario.Controller.ProvisionAsync("tenants", order);
        await InfoOnceAtAsync(scenario.Controller, order, "accept the reseller relationship");
        var customerId = Gateway.Microsoft.AcceptResellerRelationship(domain);
        var waiting = await InfoOnceAtAsync(scenario.Controller, order, "approve admin access");
        var shown = (await scenario.Controller.RetrieveAsync("tenants", id)).Body!;
        var before = User(id, "before");
        before["licenses"] = new JsonArray();
        var (_, refusedBefore) = await scenario.Controller.ProvisionAsync("users", before);
        Assert.True(Gateway.Microsoft.ApproveAdminRelationship(customerId));
        var (_, outcome) = await provisioning;
        var (_, user) = await scenario.Controller.ProvisionAsync("users", User(id, "after"));

        Assert.Contains("granularAdminRelationships/", shown["adminAccessUrl"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains(shown["adminAccessUrl"]!.GetValue<string>(), waiting, StringComparison.Ordinal);
        // Before the admin approves, the tenant is still being provisioned: users wait for it, refused at once.
        Assert.Equal(HttpStatusCode.BadRequest, refusedBefore.Status);
        Assert.Equal("TenantNotReady", refusedBefore.Body!["details"]![0]!["error"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, outcome.Status);
        var (status, groups) = Assert.Single(Gateway.Microsoft.AdminRelationships(customerId));
        Assert.Equal(("active", Group), (status, Assert.Single(groups)));
        Assert.Equal(HttpStatusCode.OK, user.Status);
    }

    [Fact]
    public async Task The_log_file_holds_every_line_of_an_operation_with_its_correlation_fields_and_no_secret()
    {
        await using var scenario = await StartAsync(Gateway);
        var (id, outcome) = await scenario.Controller.ProvisionAsync("tenants", scenario.NewTenant(Licenses(("O365_BUSINESS_PREMIUM", 1))));

        var file = Gateway.DataDirectory.GetDirectories("logs").Single().GetFiles("gateway-*.jsonl").Single();
        string[] lines;
        using (var reader = new StreamReader(new FileStream(file.FullName, FileMode.Open, FileAccess.Read, FileShare.ReadWrite)))
        {
            lines = (await reader.ReadToEndAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        }

        var operation = lines.Select(l => System.Text.Json.Nodes.JsonNode.Parse(l)!.AsObject()).Where(l => l["ApsResourceId"]?.GetValue<string>() == id && l["WorkflowInstanceId"] is not null).ToList();

        Assert.Equal(HttpStatusCode.OK, outcome.Status);
        Assert.NotEmpty(operation);
        Assert.All(operation, l => Assert.NotNull(l["MsCorrelationId"]));
        Assert.DoesNotContain(lines, l => l.Contains(Gateway.Microsoft.Options.ClientSecret, StringComparison.Ordinal));
        Assert.DoesNotContain(lines, l => l.Contains(outcome.Body!["adminPassword"]!.GetValue<string>(), StringComparison.Ordinal));
    }

    /// <summary>An order linking the existing organization <paramref name="domain"/>, with the APS id the controller gave it.</summary>
    private static (string Id, JsonObject Order) ExistingOrganizationOrder(TenantScenario scenario, string domain, JsonObject licenses)
    {
        var order = scenario.NewTenant(licenses);
        order.Remove("domainPrefix");
        order["existingTenantDomain"] = domain;
        var id = Guid.NewGuid().ToString();
        order["aps"]!["id"] = id;
        return (id, order);
    }

    private static JsonObject User(string tenantId, string login) => new()
    {
        ["tenant"] = new JsonObject { ["aps"] = new JsonObject { ["id"] = tenantId } },
        ["login"] = login,
        ["displayName"] = login,
        ["usageLocation"] = "US",
        ["licenses"] = new JsonArray("O365_BUSINESS_PREMIUM"),
        ["password"] = "Initial-Passw0rd!",
    };

    [Fact]
    public async Task Every_line_of_an_operation_names_the_instance_the_tenant_the_workflow_and_the_correlation_id_Microsoft_saw()
    {
        await using var scenario = await StartAsync(Gateway);
        var (id, outcome) = await scenario.Controller.ProvisionAsync("tenants", scenario.NewTenant(Licenses(("O365_BUSINESS_PREMIUM", 2), ("ATP_ENTERPRISE", 2))));

        var lines = Gateway.Logs.Lines.Where(l => Equals(l.Scope.GetValueOrDefault("ApsResourceId"), id) && l.Scope.ContainsKey("WorkflowInstanceId")).ToList();
        var correlation = lines.Select(l => l.Scope["MsCorrelationId"]?.ToString()).Distinct().Single();

        Assert.Equal(HttpStatusCode.OK, outcome.Status);
        Assert.Contains(lines, l => l.Message.Contains("Customer", StringComparison.Ordinal));
        Assert.All(lines, l => Assert.Equal(scenario.Controller.InstanceId, l.Scope["ApsInstanceId"]));
        Assert.Single(lines.Select(l => l.Scope["WorkflowInstanceId"]).Distinct());
        Assert.True(Gateway.Microsoft.Ledger.CallsByCorrelationId.GetValueOrDefault(correlation!) >= 8);
    }
}
