using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using O365Functions.Api.Tests.Aps;
using O365Functions.Core.State.Records;
using static O365Functions.Api.Tests.Provisioning.TenantScenario;

namespace O365Functions.Api.Tests.Provisioning;

/// <summary>Users with licenses and custom domains in a provisioned tenant, end to end.</summary>
public sealed class TenantDirectoryTests(ProvisioningGatewayFixture fixture) : IClassFixture<ProvisioningGatewayFixture>
{
    private ApsGateway Gateway => fixture.Gateway;

    [Fact]
    public async Task A_user_is_created_with_its_license_reassigned_and_deleted_and_the_tenant_reports_the_usage()
    {
        await using var scenario = await StartAsync(Gateway);
        var (tenantId, tenant) = await scenario.Controller.ProvisionAsync("tenants", scenario.NewTenant(Licenses(("O365_BUSINESS_PREMIUM", 1), ("ENTERPRISEPACK", 1))));
        var customer = tenant.Body!["tenantId"]!.GetValue<string>();
        var domain = tenant.Body["initialDomain"]!.GetValue<string>();

        var (ada, created) = await scenario.Controller.ProvisionAsync("users", User(tenantId, "ada", "O365_BUSINESS_PREMIUM"));
        var usage = await scenario.Controller.RetrieveAsync("tenants", tenantId);
        var (_, second) = await scenario.Controller.ProvisionAsync("users", User(tenantId, "grace", "O365_BUSINESS_PREMIUM"));
        var moved = User(tenantId, "ada", "ENTERPRISEPACK");
        moved["aps"] = new JsonObject { ["id"] = ada };
        var reassigned = await scenario.Controller.ConfigureAsync("users", ada, moved);
        var afterReassign = Gateway.Microsoft.Users(customer);
        var (_, third) = await scenario.Controller.ProvisionAsync("users", User(tenantId, "grace", "O365_BUSINESS_PREMIUM"));
        var deleted = await scenario.Controller.UnprovisionAsync("users", ada);

        Assert.Equal(HttpStatusCode.OK, created.Status);
        Assert.Equal($"ada@{domain}", created.Body!["userPrincipalName"]!.GetValue<string>());
        Assert.False(string.IsNullOrEmpty(created.Body["userId"]?.GetValue<string>()));
        Assert.Null(created.Body["password"]);
        Assert.Equal(1, usage.Body.Assigned("O365_BUSINESS_PREMIUM"));
        Assert.Equal(HttpStatusCode.BadRequest, second.Status);
        Assert.Equal("SeatsExhausted", second.Body!["details"]![0]!["error"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, reassigned.Status);
        Assert.Equal(["ENTERPRISEPACK"], afterReassign[$"ada@{domain}"]);
        Assert.Equal(HttpStatusCode.OK, third.Status);
        Assert.Equal(HttpStatusCode.NoContent, deleted.Status);
        Assert.Equal([$"grace@{domain}"], Gateway.Microsoft.Users(customer).Keys);
    }

    [Fact]
    public async Task A_user_whose_creation_lost_its_connection_exists_once()
    {
        await using var scenario = await StartAsync(Gateway);
        var (tenantId, tenant) = await scenario.Controller.ProvisionAsync("tenants", scenario.NewTenant(Licenses(("O365_BUSINESS_PREMIUM", 2))));
        Gateway.Microsoft.DropConnectionAfterActionOnce("POST", "/users");

        var (_, created) = await scenario.Controller.ProvisionAsync("users", User(tenantId, "lin", "O365_BUSINESS_PREMIUM"));

        Assert.Equal(HttpStatusCode.OK, created.Status);
        Assert.Single(Gateway.Microsoft.Users(tenant.Body!["tenantId"]!.GetValue<string>()));
    }

    [Fact]
    public async Task A_tenant_where_the_partner_has_no_admin_role_is_reported_as_the_missing_role_and_nothing_is_created()
    {
        await using var scenario = await StartAsync(Gateway);
        var (tenantId, tenant) = await scenario.Controller.ProvisionAsync("tenants", scenario.NewTenant(Licenses(("O365_BUSINESS_PREMIUM", 2))));
        var customer = tenant.Body!["tenantId"]!.GetValue<string>();
        Gateway.Microsoft.Options.TenantsWithoutAdminRoles.Add(customer);
        try
        {
            var (_, refused) = await scenario.Controller.ProvisionAsync("users", User(tenantId, "kim", "O365_BUSINESS_PREMIUM"));

            Assert.Equal(HttpStatusCode.InternalServerError, refused.Status);
            Assert.Contains("MissingAdminRole", refused.Message, StringComparison.Ordinal);
            Assert.Contains("User Administrator", refused.Message, StringComparison.Ordinal);
            Assert.Contains("GDAP", refused.Message, StringComparison.Ordinal);
        }
        finally
        {
            Gateway.Microsoft.Options.TenantsWithoutAdminRoles.Remove(customer);
        }

        Assert.Empty(Gateway.Microsoft.Users(customer));
    }

    [Fact]
    public async Task Users_with_a_license_the_tenant_lacks_an_unknown_tenant_or_no_password_are_refused_and_nothing_is_created()
    {
        await using var scenario = await StartAsync(Gateway);
        var (tenantId, tenant) = await scenario.Controller.ProvisionAsync("tenants", scenario.NewTenant(Licenses(("O365_BUSINESS_PREMIUM", 2))));
        var noPassword = User(tenantId, "nopass", "O365_BUSINESS_PREMIUM");
        noPassword.Remove("password");

        var (_, lacking) = await scenario.Controller.ProvisionAsync("users", User(tenantId, "eve", "ENTERPRISEPACK"));
        var (_, unknown) = await scenario.Controller.ProvisionAsync("users", User(Guid.NewGuid().ToString(), "eve", "O365_BUSINESS_PREMIUM"));
        var (_, passwordless) = await scenario.Controller.ProvisionAsync("users", noPassword);

        Assert.Equal("LicenseNotInTenant", lacking.Body!["details"]![0]!["error"]!.GetValue<string>());
        Assert.Equal("UnknownTenant", unknown.Body!["details"]![0]!["error"]!.GetValue<string>());
        Assert.Equal("password", passwordless.Body!["details"]![0]!["field"]!.GetValue<string>());
        Assert.Empty(Gateway.Microsoft.Users(tenant.Body!["tenantId"]!.GetValue<string>()));
    }

    [Fact]
    public async Task A_user_ordered_on_a_suspended_tenant_is_refused_at_once_and_Microsoft_gets_no_user()
    {
        await using var scenario = await StartAsync(Gateway);
        var (tenantId, tenant) = await scenario.Controller.ProvisionAsync("tenants", scenario.NewTenant(Licenses(("O365_BUSINESS_PREMIUM", 2))));
        Ensure(await scenario.Controller.OperationAsync(HttpMethod.Put, "tenants", tenantId, "disable"));

        var (_, refused) = await scenario.Controller.ProvisionAsync("users", User(tenantId, "sam", "O365_BUSINESS_PREMIUM"));

        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        var detail = refused.Body!["details"]!.AsArray().Single()!;
        Assert.Equal("TenantNotReady", detail["error"]!.GetValue<string>());
        Assert.Contains($"PUT /tenants/{tenantId}/enable", detail["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Empty(Gateway.Microsoft.Users(tenant.Body!["tenantId"]!.GetValue<string>()));
    }

    [Fact]
    public async Task A_new_user_whose_licenses_Microsoft_cannot_give_is_deleted_again_and_the_failure_says_why()
    {
        await using var scenario = await StartAsync(Gateway);
        var (tenantId, tenant) = await scenario.Controller.ProvisionAsync("tenants", scenario.NewTenant(Licenses(("O365_BUSINESS_PREMIUM", 2))));
        Gateway.Microsoft.ChangeSubscription(MicrosoftSubscriptionOf(tenant, "O365_BUSINESS_PREMIUM"), status: "suspended");

        var (_, failed) = await scenario.Controller.ProvisionAsync("users", User(tenantId, "max", "O365_BUSINESS_PREMIUM"));

        Assert.Equal(HttpStatusCode.InternalServerError, failed.Status);
        Assert.Contains("LicenseNotAvailable", failed.Message, StringComparison.Ordinal);
        Assert.Empty(Gateway.Microsoft.Users(tenant.Body!["tenantId"]!.GetValue<string>()));
    }

    [Fact]
    public async Task A_domain_returns_its_records_stays_pending_until_its_TXT_record_is_published_and_is_then_verified()
    {
        await using var scenario = await StartAsync(Gateway);
        var (tenantId, _) = await scenario.Controller.ProvisionAsync("tenants", scenario.NewTenant(Licenses(("O365_BUSINESS_PREMIUM", 1))));
        var name = $"d{Guid.NewGuid():N}"[..12] + ".example";

        var (domainId, added) = await scenario.Controller.ProvisionAsync("domains", Domain(tenantId, name));
        var notice = scenario.Controller.Notifications.Values.SingleOrDefault(n => n["message"]!["message"]!.GetValue<string>().Contains(name, StringComparison.Ordinal))?.DeepClone();
        var early = await scenario.Controller.OperationAsync(HttpMethod.Post, "domains", domainId, "verify");
        Gateway.Microsoft.PublishDomainVerificationRecord(name);
        var verified = await scenario.Controller.OperationAsync(HttpMethod.Post, "domains", domainId, "verify");
        var (_, twice) = await scenario.Controller.ProvisionAsync("domains", Domain(tenantId, name));

        Assert.Equal(HttpStatusCode.OK, added.Status);
        Assert.Equal("pending", added.Body!["status"]!.GetValue<string>());
        var txt = added.Body["verificationRecords"]!.AsArray().Single()!;
        Assert.Equal("TXT", txt["recordType"]!.GetValue<string>());
        Assert.StartsWith("MS=", txt["text"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains(added.Body["serviceRecords"]!.AsArray(), r => r!["recordType"]!.GetValue<string>() == "MX" && r["mailExchange"]!.GetValue<string>().EndsWith(".mail.protection.outlook.com", StringComparison.Ordinal));
        Assert.Equal("pending", early.Body!["status"]!.GetValue<string>());
        Assert.Equal("verified", verified.Body!["status"]!.GetValue<string>());
        Assert.Equal("DomainExists", twice.Body!["details"]![0]!["error"]!.GetValue<string>());
        Assert.NotNull(notice);
        Assert.Contains(txt["text"]!.GetValue<string>(), notice["details"]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.DoesNotContain(scenario.Controller.Notifications.Values, n => n["message"]!["message"]!.GetValue<string>().Contains(name, StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_domain_in_use_is_kept_with_the_users_named_and_is_deleted_from_the_tenant_once_they_are_gone()
    {
        await using var scenario = await StartAsync(Gateway);
        var (tenantId, tenant) = await scenario.Controller.ProvisionAsync("tenants", scenario.NewTenant(Licenses(("O365_BUSINESS_PREMIUM", 1))));
        var customer = tenant.Body!["tenantId"]!.GetValue<string>();
        var name = $"r{Guid.NewGuid():N}"[..12] + ".example";
        var (domainId, _) = await scenario.Controller.ProvisionAsync("domains", Domain(tenantId, name));
        Gateway.Microsoft.PublishDomainVerificationRecord(name);
        Ensure(await scenario.Controller.OperationAsync(HttpMethod.Post, "domains", domainId, "verify"));
        var kim = User(tenantId, "kim", "O365_BUSINESS_PREMIUM");
        kim["domain"] = name;
        var (kimId, created) = await scenario.Controller.ProvisionAsync("users", kim);

        var refused = await scenario.Controller.UnprovisionAsync("domains", domainId);
        var keptInTenant = Gateway.Microsoft.Domains(customer);
        var keptInAps = await scenario.Controller.RetrieveAsync("domains", domainId);
        Ensure(await scenario.Controller.UnprovisionAsync("users", kimId));
        var removed = await scenario.Controller.UnprovisionAsync("domains", domainId);

        Assert.Equal(HttpStatusCode.OK, created.Status);
        Assert.Equal(HttpStatusCode.InternalServerError, refused.Status);
        Assert.Contains("DomainInUse", refused.Message, StringComparison.Ordinal);
        Assert.Contains($"kim@{name}", refused.Message, StringComparison.Ordinal);
        Assert.Equal([name], keptInTenant);
        Assert.Equal(HttpStatusCode.OK, keptInAps.Status);
        Assert.Equal(HttpStatusCode.NoContent, removed.Status);
        Assert.Empty(Gateway.Microsoft.Domains(customer));
        Assert.Equal(HttpStatusCode.NotFound, (await scenario.Controller.RetrieveAsync("domains", domainId)).Status);
    }

    [Fact]
    public async Task The_daily_verify_budget_holds_across_a_restart_of_the_gateway()
    {
        // Three verifications and a restart take well under ten minutes; a day with less left is waited out.
        var day = await UtcDay.WithAtLeastAsync(TimeSpan.FromMinutes(10));
        var data = Directory.CreateTempSubdirectory("o365-budget-");
        try
        {
            string domainId;
            var first = ApsGateway.Start(data, ("Provisioning:DomainVerificationsPerDay", "2"));
            await using var controller = first.Controller();
            using (first)
            {
                // The scenario's controller moves to the next gateway: it is disposed at the end of the test, not here.
                var scenario = await StartAsync(controller, first.Microsoft, first.Settings());
                var (tenantId, _) = await controller.ProvisionAsync("tenants", scenario.NewTenant(Licenses(("O365_BUSINESS_PREMIUM", 1))));
                (domainId, _) = await controller.ProvisionAsync("domains", Domain(tenantId, $"b{Guid.NewGuid():N}"[..12] + ".example"));
                Ensure(await controller.OperationAsync(HttpMethod.Post, "domains", domainId, "verify"));
                Ensure(await controller.OperationAsync(HttpMethod.Post, "domains", domainId, "verify"));
            }

            using var second = ApsGateway.Start(data, ("Provisioning:DomainVerificationsPerDay", "2"));
            await using var moved = controller.MovedTo(second.Endpoint);
            var calls = second.Microsoft.Snapshot().Calls.Keys.Count(k => k.Contains("verify", StringComparison.Ordinal));

            var third = await moved.OperationAsync(HttpMethod.Post, "domains", domainId, "verify");
            var count = await (await second.Services.GetRequiredService<GatewayRecords>().GetAsync()).ListAsync<DomainVerificationCountRecord>(
                $"verify|{controller.InstanceId}|{day:yyyyMMdd}");

            Assert.Equal(HttpStatusCode.InternalServerError, third.Status);
            Assert.Contains("VerificationBudgetSpent", third.Message, StringComparison.Ordinal);
            Assert.Equal(2, count.Single().Record.Count);
            Assert.Equal(calls, second.Microsoft.Snapshot().Calls.Keys.Count(k => k.Contains("verify", StringComparison.Ordinal)));
        }
        finally
        {
            data.Delete(recursive: true);
        }
    }

    private static JsonObject User(string tenantId, string login, params string[] licenses) => new()
    {
        ["tenant"] = new JsonObject { ["aps"] = new JsonObject { ["id"] = tenantId } },
        ["login"] = login,
        ["displayName"] = login,
        ["usageLocation"] = "US",
        ["licenses"] = new JsonArray([.. licenses.Select(l => (JsonNode)l)]),
        ["password"] = "Initial-Passw0rd!",
    };

    private static JsonObject Domain(string tenantId, string name) => new()
    {
        ["tenant"] = new JsonObject { ["aps"] = new JsonObject { ["id"] = tenantId } },
        ["name"] = name,
    };
}
