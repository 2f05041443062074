using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using O365Functions.Api.Tests.Aps;
using O365Functions.Core.State.Records;
using O365Functions.Core.Workflows;
using O365Functions.Emulators;
using O365Functions.Emulators.Aps;
using static O365Functions.Api.Tests.Provisioning.TenantScenario;

namespace O365Functions.Api.Tests.Provisioning;

/// <summary>
/// A release of the local gateway with a tenant waiting across it: the tenant's provisioning, started by a gateway of
/// workflow version 1.0, is finished by one of the current version over the same data, taking only 1.0's steps.
/// </summary>
public sealed class WorkflowUpgradeTests
{
    [Fact]
    public async Task A_tenant_waiting_for_its_relationship_across_an_upgrade_completes_on_the_new_release_with_its_own_versions_steps()
    {
        // Microsoft and the controller outlive both gateways, as they do a real upgrade.
        await using var microsoft = new MicrosoftEmulator();
        await microsoft.StartAsync();
        var settings = microsoft.InstanceSettings();
        var authority = microsoft.BaseUri.GetLeftPart(UriPartial.Authority);
        settings["endpoints"] = new JsonObject { ["partnerCenter"] = authority, ["login"] = authority, ["graph"] = authority };
        var data = Directory.CreateTempSubdirectory("o365-upgrade-");
        (string Key, string? Value)[] waits = [("Provisioning:RelationshipPollInterval", "00:00:00.200"), ("Provisioning:ActivationPollInterval", "00:00:00.100"), ("Microsoft:AllowedEndpoints:0", authority)];
        try
        {
            var domain = $"upgrade{Guid.NewGuid():N}"[..20] + ".onmicrosoft.com";
            microsoft.AddForeignOrganization(domain);
            var before = ApsGateway.Start(data, [.. waits, ("Orchestration:WorkflowVersion", WorkflowVersions.First)]);
            await using var controller = before.Controller();
            JsonObject order;
            using (before)
            {
                var scenario = await StartAsync(controller, microsoft, settings);
                order = scenario.Order(controller.CreateAccount("Upgrade Ltd"), Licenses(("O365_BUSINESS_PREMIUM", 2)));
                order["existingTenantDomain"] = domain;
                order["aps"]!["id"] = Guid.NewGuid().ToString();
                using var accepted = await controller.SendAsync(HttpMethod.Post, "tenants", order);
                Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
                await InfoOnceAtAsync(controller, order, "accept the reseller relationship");
            }

            using var after = ApsGateway.Start(data, waits);
            await using var moved = controller.MovedTo(after.Endpoint);
            microsoft.AcceptResellerRelationship(domain);
            var done = await UntilAnsweredAsync(moved, order);
            var tenantId = order["aps"]!["id"]!.GetValue<string>();
            var pointer = await (await after.Services.GetRequiredService<GatewayRecords>().GetAsync())
                .GetAsync<ResourceOperationRecord>(RecordKey.ResourceOperation(controller.InstanceId, tenantId));
            var workflow = await after.Services.GetRequiredService<IWorkflowClient>().GetInstanceAsync(pointer!.Record.WorkflowInstanceId);

            Assert.Equal(HttpStatusCode.OK, done.StatusCode);
            Assert.Equal(WorkflowRuntimeStatus.Completed, workflow!.RuntimeStatus);
            Assert.Equal(WorkflowVersions.First, workflow.Version);

            // Version 1.0 had neither the customer's notice nor the limits subscription, so this instance took neither.
            Assert.Empty(controller.Notifications);
            Assert.DoesNotContain(controller.EventSubscriptions.Values, s => s["resource"]!.GetValue<string>() == tenantId);
        }
        finally
        {
            data.Delete(recursive: true);
        }
    }

    private static async Task<HttpResponseMessage> UntilAnsweredAsync(ApsControllerEmulator controller, JsonObject order)
    {
        for (var i = 0; ; i++)
        {
            var poll = await controller.SendAsync(HttpMethod.Post, "tenants", order, phase: "async");
            if (poll.StatusCode != HttpStatusCode.Accepted || i == 400)
            {
                return poll;
            }

            poll.Dispose();
            await Task.Delay(50);
        }
    }
}
