using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using O365Functions.Core.Secrets;
using O365Functions.Core.Workflows;
using O365Functions.Emulators.Aps;
using O365Functions.PartnerCenter.Auth;
using O365Functions.PartnerCenter.Instances;

namespace O365Functions.Api.Tests.Aps;

/// <summary>Installing application instances and proving their Microsoft consent, driven by the APS controller emulator over HTTPS.</summary>
public sealed class ApsInstanceTests(ApsGatewayFixture fixture) : IClassFixture<ApsGatewayFixture>
{
    private ApsGateway Gateway => fixture.Gateway;

    [Theory]
    [InlineData(ApsAuthentication.Certificate)]
    [InlineData(ApsAuthentication.OAuth)]
    public async Task An_installed_instance_returns_its_settings_without_the_secret_and_is_not_yet_authenticated(ApsAuthentication authentication)
    {
        await using var controller = Gateway.Controller(authentication);

        var installed = await controller.InstallAsync(Gateway.Settings());
        var read = await controller.RetrieveAsync("app", controller.InstanceId);

        Assert.Equal(HttpStatusCode.OK, installed.Status);
        Assert.Equal(HttpStatusCode.OK, read.Status);
        Assert.Equal(controller.InstanceId, read.Body!["aps"]!["id"]!.GetValue<string>());
        Assert.Equal("http://o365functions.local/aps/app/1.0", read.Body["aps"]!["type"]!.GetValue<string>());
        Assert.Equal("sandbox", read.Body["accountMode"]!.GetValue<string>());
        Assert.Equal("notAuthenticated", read.Body["authenticationStatus"]!.GetValue<string>());
        Assert.Null(read.Body["applicationSecret"]);
        Assert.DoesNotContain(Gateway.Microsoft.Options.ClientSecret, installed.Body!.ToJsonString(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(ApsAuthentication.Certificate)]
    [InlineData(ApsAuthentication.OAuth)]
    public async Task A_refresh_token_microsoft_accepts_makes_the_instance_authenticated_through_the_async_phase(ApsAuthentication authentication)
    {
        await using var controller = Gateway.Controller(authentication);
        await controller.InstallAsync(Gateway.Settings());
        var token = Gateway.Microsoft.IssueRefreshToken();

        var outcome = await controller.OperationAsync(HttpMethod.Post, "app", controller.InstanceId, "refreshToken", new JsonObject { ["refreshToken"] = token });
        var read = await controller.RetrieveAsync("app", controller.InstanceId);

        Assert.Equal(HttpStatusCode.OK, outcome.Status);
        Assert.True(outcome.Polls >= 1, "The token exchange runs as a workflow: the sync phase answers 202 and the controller polls.");
        Assert.All(outcome.RetryTimeouts, seconds => Assert.InRange(seconds, 22, 38));
        Assert.All(outcome.Info, info => Assert.Contains("refreshToken", info, StringComparison.Ordinal));
        Assert.Equal("authenticated", read.Body!["authenticationStatus"]!.GetValue<string>());
        Assert.NotNull(read.Body["refreshTokenLastUsed"]);
        Assert.DoesNotContain(token, outcome.Body!.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_refresh_token_microsoft_refuses_fails_the_task_with_the_reason_and_marks_the_instance_consent_required()
    {
        await using var controller = Gateway.Controller();
        await controller.InstallAsync(Gateway.Settings());

        var outcome = await controller.OperationAsync(HttpMethod.Post, "app", controller.InstanceId, "refreshToken", new JsonObject { ["refreshToken"] = "not-a-token-microsoft-issued" });
        var read = await controller.RetrieveAsync("app", controller.InstanceId);

        Assert.Equal(HttpStatusCode.InternalServerError, outcome.Status);
        Assert.Equal("ConsentRequired", outcome.Error);
        Assert.Contains("consent", outcome.Message, StringComparison.OrdinalIgnoreCase);
        Assert.Equal("consentRequired", read.Body!["authenticationStatus"]!.GetValue<string>());
    }

    [Fact]
    public async Task Repeating_a_finished_request_answers_from_its_workflow_and_starts_no_second_one()
    {
        await using var controller = Gateway.Controller();
        await controller.InstallAsync(Gateway.Settings());
        var body = new JsonObject { ["refreshToken"] = Gateway.Microsoft.IssueRefreshToken() };
        await controller.OperationAsync(HttpMethod.Post, "app", controller.InstanceId, "refreshToken", body);

        var again = await controller.OperationAsync(HttpMethod.Post, "app", controller.InstanceId, "refreshToken", body);
        var started = await Gateway.Services.GetRequiredService<IWorkflowClient>().GetAllInstancesAsync(new WorkflowQuery(InstanceIdPrefix: controller.InstanceId))
            .CountAsync();

        Assert.Equal(HttpStatusCode.OK, again.Status);
        Assert.Equal(0, again.Polls);
        Assert.Equal(1, started);
    }

    [Fact]
    public async Task Installing_an_instance_twice_keeps_the_first_settings()
    {
        await using var controller = Gateway.Controller();
        await controller.InstallAsync(Gateway.Settings());
        var changed = Gateway.Settings();
        changed["defaultCountry"] = "CA";

        var again = await controller.InstallAsync(changed);

        Assert.Equal(HttpStatusCode.OK, again.Status);
        Assert.Equal("US", again.Body!["defaultCountry"]!.GetValue<string>());
    }

    [Fact]
    public async Task Configure_replaces_the_settings_and_upgrade_and_uninstall_work()
    {
        await using var controller = Gateway.Controller();
        var installed = await controller.InstallAsync(Gateway.Settings());
        var representation = installed.Body!;
        representation["defaultCountry"] = "CA";

        var configured = await controller.ConfigureAsync("app", controller.InstanceId, representation);
        var tooOld = await controller.OperationAsync(HttpMethod.Post, "app", controller.InstanceId, "upgrade?version=0.9-1");
        var upgraded = await controller.OperationAsync(HttpMethod.Post, "app", controller.InstanceId, "upgrade?version=1.0-1");
        var secrets = Gateway.Services.GetRequiredService<ISecretStore>();
        var credentials = new[]
        {
            InstanceSecretNames.ApplicationSecret(controller.InstanceId),
            InstanceSecretNames.SelfCertificate(controller.InstanceId),
            InstanceSecretNames.ControllerCertificate(controller.InstanceId),
        };
        var storedBefore = await Task.WhenAll(credentials.Select(name => secrets.GetAsync(name)));
        var uninstalled = await controller.UnprovisionAsync("app", controller.InstanceId);
        var afterwards = await controller.RetrieveAsync("app", controller.InstanceId);
        var storedAfter = await Task.WhenAll(credentials.Select(name => secrets.GetAsync(name)));

        Assert.Equal("CA", configured.Body!["defaultCountry"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.BadRequest, tooOld.Status);
        Assert.Equal("CannotUpgrade", tooOld.Error);
        Assert.Contains("1.0-1", tooOld.Message, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, upgraded.Status);
        Assert.All(storedBefore, Assert.NotNull);
        Assert.Equal(HttpStatusCode.NoContent, uninstalled.Status);
        Assert.Equal(HttpStatusCode.Unauthorized, afterwards.Status);
        Assert.Equal("UnknownInstance", afterwards.Error);
        Assert.All(storedAfter, Assert.Null);
    }

    [Fact]
    public async Task Link_and_unlink_notifications_are_acknowledged()
    {
        await using var controller = Gateway.Controller();
        await controller.InstallAsync(Gateway.Settings());
        var tenant = Guid.NewGuid().ToString();

        var linked = await controller.LinkAsync("app", controller.InstanceId, "tenants", tenant);
        var unlinked = await controller.UnlinkAsync("app", controller.InstanceId, "tenants", tenant);

        Assert.Equal(HttpStatusCode.NoContent, linked.Status);
        Assert.Equal(HttpStatusCode.NoContent, unlinked.Status);
    }

    [Fact]
    public async Task Each_instance_calls_Microsoft_with_its_own_clients_and_never_with_another_instances_tokens()
    {
        await using var consented = Gateway.Controller();
        await using var unconsented = Gateway.Controller();
        await consented.InstallAsync(Gateway.Settings());
        await unconsented.InstallAsync(Gateway.Settings());
        await consented.OperationAsync(HttpMethod.Post, "app", consented.InstanceId, "refreshToken", new JsonObject { ["refreshToken"] = Gateway.Microsoft.IssueRefreshToken() });
        var clients = Gateway.Services.GetRequiredService<InstanceMicrosoftClients>();

        var first = await clients.ForInstanceAsync(consented.InstanceId, CancellationToken.None);
        var again = await clients.ForInstanceAsync(consented.InstanceId, CancellationToken.None);
        var other = await clients.ForInstanceAsync(unconsented.InstanceId, CancellationToken.None);
        var relationship = await first.PartnerCenter.GetRelationshipRequestAsync();

        Assert.Same(first, again);
        Assert.NotSame(first.Tokens, other.Tokens);
        Assert.NotNull(relationship);
        await Assert.ThrowsAsync<ConsentRequiredException>(() => other.PartnerCenter.GetRelationshipRequestAsync());
    }

    [Fact]
    public async Task An_authenticated_instance_registers_the_gateways_webhook_once()
    {
        using var gateway = ApsGateway.Start(("Webhooks:CallbackUri", "https://gateway.example/webhooks/partner-center"));
        await using var controller = gateway.Controller();
        await controller.InstallAsync(gateway.Settings());

        await controller.OperationAsync(HttpMethod.Post, "app", controller.InstanceId, "refreshToken", new JsonObject { ["refreshToken"] = gateway.Microsoft.IssueRefreshToken() });
        var calls = Registrations(gateway);
        await controller.OperationAsync(HttpMethod.Post, "app", controller.InstanceId, "refreshToken", new JsonObject { ["refreshToken"] = gateway.Microsoft.IssueRefreshToken() });

        var (url, events) = gateway.Microsoft.RegisteredWebhook!.Value;
        Assert.Equal(new Uri("https://gateway.example/webhooks/partner-center"), url);
        Assert.Contains("subscription-updated", events);
        Assert.Contains("reseller-relationship-accepted-by-customer", events);
        Assert.Equal(1, calls);
        Assert.Equal(calls, Registrations(gateway));
    }

    private static int Registrations(ApsGateway gateway) =>
        gateway.Microsoft.Snapshot().Calls.Where(c => c.Key is "POST /webhooks/v1/registration" or "PUT /webhooks/v1/registration").Sum(c => c.Value);


    [Fact]
    public async Task A_rotated_OAuth_consumer_secret_takes_effect_without_a_restart()
    {
        using var gateway = ApsGateway.Start(("Aps:OAuth:SecretRereadInterval", "00:00:00.200"));
        await using var controller = gateway.Controller(ApsAuthentication.OAuth);
        var installed = await controller.InstallAsync(gateway.Settings());
        await gateway.Services.GetRequiredService<ISecretStore>().SetAsync("aps-oauth-consumer-secret", "rotated-consumer-secret");
        await using var rotated = controller.Impostor("rotated-consumer-secret");

        var deadline = DateTime.UtcNow.AddSeconds(10);
        var accepted = await rotated.RetrieveAsync("app", controller.InstanceId);
        while (accepted.Status != HttpStatusCode.OK && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
            accepted = await rotated.RetrieveAsync("app", controller.InstanceId);
        }

        var old = await controller.RetrieveAsync("app", controller.InstanceId);

        Assert.Equal(HttpStatusCode.OK, installed.Status);
        Assert.Equal(HttpStatusCode.OK, accepted.Status);
        Assert.Equal(HttpStatusCode.Unauthorized, old.Status);
    }
}
