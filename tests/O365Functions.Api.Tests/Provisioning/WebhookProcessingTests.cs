using System.Net;
using Microsoft.Extensions.DependencyInjection;
using O365Functions.Api.Tests.Aps;
using O365Functions.Core.Workflows;
using static O365Functions.Api.Tests.Provisioning.TenantScenario;

namespace O365Functions.Api.Tests.Provisioning;

/// <summary>Partner Center's callbacks acted on: a changed subscription reaches the tenant's record once.</summary>
public sealed class WebhookProcessingTests(ProvisioningGatewayFixture fixture) : IClassFixture<ProvisioningGatewayFixture>
{
    private ApsGateway Gateway => fixture.Gateway;

    [Fact]
    public async Task A_subscription_updated_callback_brings_the_tenant_record_to_Partner_Center_and_a_duplicate_changes_nothing_more()
    {
        await using var scenario = await StartAsync(Gateway);
        var (id, created) = await scenario.Controller.ProvisionAsync("tenants", scenario.NewTenant(Licenses(("O365_BUSINESS_PREMIUM", 10))));
        var customer = created.Body!["tenantId"]!.GetValue<string>();
        var subscription = created.Body["subscriptions"]!.AsArray().Single()!["subscriptionId"]!.GetValue<string>();
        Gateway.Microsoft.ChangeSubscription(subscription, quantity: 15);
        var callback = Gateway.Microsoft.CreateSignedCallback(
            "subscription-updated", $"https://api.partnercenter.microsoft.com/webhooks/v1/customers/{customer}/subscriptions/{subscription}", "subscription");
        using var client = Gateway.AnonymousClient();

        using var first = await Callbacks.PostAsync(client, callback);
        var limit = 0;
        for (var i = 0; i < 100 && limit != 15; i++)
        {
            await Task.Delay(50);
            limit = (await scenario.Controller.RetrieveAsync("tenants", id)).Body.Purchased("O365_BUSINESS_PREMIUM");
        }

        Gateway.Microsoft.ChangeSubscription(subscription, quantity: 20);
        var workflows = Gateway.Services.GetRequiredService<IWorkflowClient>();
        var before = await workflows.GetAllInstancesAsync(new WorkflowQuery(InstanceIdPrefix: "webhook_")).CountAsync();
        using var duplicate = await Callbacks.PostAsync(client, callback);

        // An event is handed to the engine before it is answered, so whatever a duplicate started exists by now.
        var after = await workflows.GetAllInstancesAsync(new WorkflowQuery(InstanceIdPrefix: "webhook_")).CountAsync();
        var afterDuplicate = (await scenario.Controller.RetrieveAsync("tenants", id)).Body.Purchased("O365_BUSINESS_PREMIUM");

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(15, limit);
        Assert.Equal(HttpStatusCode.OK, duplicate.StatusCode);
        Assert.Contains("\"duplicate\":true", await duplicate.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(before, after);
        Assert.Equal(15, afterDuplicate);
    }

    [Fact]
    public async Task A_callback_with_a_bad_signature_is_refused()
    {
        var callback = Gateway.Microsoft.CreateSignedCallback("subscription-updated", "https://api.partnercenter.microsoft.com/webhooks/v1/customers/c/subscriptions/s", "subscription");
        var tampered = callback with { Body = [.. callback.Body] };
        tampered.Body[^3] ^= 1;
        using var client = Gateway.AnonymousClient();

        using var refused = await Callbacks.PostAsync(client, tampered);

        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
    }
}
