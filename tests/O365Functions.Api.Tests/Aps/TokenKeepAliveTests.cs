using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using O365Functions.Core.Consent;
using O365Functions.Core.Jobs;
using O365Functions.Core.Secrets;
using O365Functions.Core.Workflows;

namespace O365Functions.Api.Tests.Aps;

/// <summary>The daily keep-alive of every instance's refresh token, run as the timer runs it on both hosts.</summary>
public sealed class TokenKeepAliveTests(ApsGatewayFixture fixture) : IClassFixture<ApsGatewayFixture>
{
    private ApsGateway Gateway => fixture.Gateway;

    [Fact]
    public async Task An_authenticated_instance_gets_one_exchange_a_day_and_one_whose_consent_is_gone_is_left_alone()
    {
        await using var authenticated = Gateway.Controller();
        await using var refused = Gateway.Controller();
        await using var untouched = Gateway.Controller();
        foreach (var controller in new[] { authenticated, refused, untouched })
        {
            await controller.InstallAsync(Gateway.Settings());
        }

        await authenticated.OperationAsync(HttpMethod.Post, "app", authenticated.InstanceId, "refreshToken", new JsonObject { ["refreshToken"] = Gateway.Microsoft.IssueRefreshToken() });
        await refused.OperationAsync(HttpMethod.Post, "app", refused.InstanceId, "refreshToken", new JsonObject { ["refreshToken"] = "revoked-long-ago" });
        var secrets = Gateway.Services.GetRequiredService<ISecretStore>();
        var tokenBefore = (await secrets.GetAsync(InstanceSecretNames.RefreshToken(authenticated.InstanceId)))!.Reveal();
        var workflows = Gateway.Services.GetRequiredService<IWorkflowClient>();
        var job = GatewayJobs.Timer(KeepTokensAlive.Name);
        var now = DateTimeOffset.UtcNow;

        var first = await AuthenticatedInstances.StartDailyAsync(new JobContext(Gateway.Services, workflows, now), VerifyConsentWorkflow.Name, KeepTokensAlive.WorkflowInstanceId, CancellationToken.None);
        await job.Run(new JobContext(Gateway.Services, workflows, now), CancellationToken.None);
        var again = await AuthenticatedInstances.StartDailyAsync(new JobContext(Gateway.Services, workflows, now), VerifyConsentWorkflow.Name, KeepTokensAlive.WorkflowInstanceId, CancellationToken.None);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var exchanged = await workflows.WaitForInstanceCompletionAsync(KeepTokensAlive.WorkflowInstanceId(authenticated.InstanceId, now), getInputsAndOutputs: true, timeout.Token);
        var tokenAfter = (await secrets.GetAsync(InstanceSecretNames.RefreshToken(authenticated.InstanceId)))!.Reveal();

        // Other tests' instances may share the fixture's gateway: only this one is authenticated, the others wait.
        Assert.Equal((1, 0), (first.Started, first.AlreadyToday));
        Assert.Equal((0, 1), (again.Started, again.AlreadyToday));
        Assert.InRange(first.Waiting, 2, int.MaxValue);
        Assert.Equal(ConsentStatus.Authenticated, exchanged.ReadOutputAs<ConsentCheck>()!.Status);
        Assert.NotEqual(tokenBefore, tokenAfter);
        Assert.Null(await workflows.GetInstanceAsync(KeepTokensAlive.WorkflowInstanceId(refused.InstanceId, now)));
        Assert.Null(await workflows.GetInstanceAsync(KeepTokensAlive.WorkflowInstanceId(untouched.InstanceId, now)));
        Assert.Equal(1, await workflows.GetAllInstancesAsync(new WorkflowQuery(InstanceIdPrefix: $"keepalive_{authenticated.InstanceId}_")).CountAsync());
    }

    [Fact]
    public async Task The_keep_alive_keeps_a_token_alive_for_200_days_while_a_token_left_unused_dies_at_day_90()
    {
        using var gateway = ApsGateway.Start();
        await using var kept = gateway.Controller();
        await using var idle = gateway.Controller();
        await kept.InstallAsync(gateway.Settings());
        await idle.InstallAsync(gateway.Settings());
        await kept.OperationAsync(HttpMethod.Post, "app", kept.InstanceId, "refreshToken", new JsonObject { ["refreshToken"] = gateway.Microsoft.IssueRefreshToken() });
        var unused = gateway.Microsoft.IssueRefreshToken();
        var workflows = gateway.Services.GetRequiredService<IWorkflowClient>();
        var job = GatewayJobs.Timer(KeepTokensAlive.Name);
        var start = DateTimeOffset.UtcNow;
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));

        ConsentCheck? last = null;
        for (var day = 1; day <= 200; day++)
        {
            gateway.Microsoft.Clock.Advance(TimeSpan.FromDays(1));
            var today = start.AddDays(day);
            await job.Run(new JobContext(gateway.Services, workflows, today), CancellationToken.None);
            last = (await workflows.WaitForInstanceCompletionAsync(KeepTokensAlive.WorkflowInstanceId(kept.InstanceId, today), getInputsAndOutputs: true, timeout.Token))
                .ReadOutputAs<ConsentCheck>();
            Assert.Equal(ConsentStatus.Authenticated, last!.Status);
        }

        var late = await idle.OperationAsync(HttpMethod.Post, "app", idle.InstanceId, "refreshToken", new JsonObject { ["refreshToken"] = unused });

        Assert.True(last!.Rotated);
        Assert.Equal("authenticated", (await kept.RetrieveAsync("app", kept.InstanceId)).Body!["authenticationStatus"]!.GetValue<string>());
        Assert.Equal("ConsentRequired", late.Error);
        Assert.Contains("AADSTS700082", late.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_keep_alive_whose_token_shows_no_multi_factor_sign_in_turns_the_instance_consentRequired()
    {
        using var gateway = ApsGateway.Start();
        await using var controller = gateway.Controller();
        await controller.InstallAsync(gateway.Settings());
        await controller.OperationAsync(HttpMethod.Post, "app", controller.InstanceId, "refreshToken", new JsonObject { ["refreshToken"] = gateway.Microsoft.IssueRefreshToken() });
        var before = await controller.RetrieveAsync("app", controller.InstanceId);
        gateway.Microsoft.Options.ConsentWithMultiFactor = false;
        var workflows = gateway.Services.GetRequiredService<IWorkflowClient>();
        var day = DateTimeOffset.UtcNow.AddDays(1);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        await GatewayJobs.Timer(KeepTokensAlive.Name).Run(new JobContext(gateway.Services, workflows, day), CancellationToken.None);
        var check = (await workflows.WaitForInstanceCompletionAsync(KeepTokensAlive.WorkflowInstanceId(controller.InstanceId, day), getInputsAndOutputs: true, timeout.Token))
            .ReadOutputAs<ConsentCheck>()!;
        var after = await controller.RetrieveAsync("app", controller.InstanceId);

        Assert.Equal("authenticated", before.Body!["authenticationStatus"]!.GetValue<string>());
        Assert.Contains("used MFA", before.Body["authenticationMessage"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(ConsentStatus.ConsentRequired, check.Status);
        Assert.Equal("consentRequired", after.Body!["authenticationStatus"]!.GetValue<string>());
        Assert.Contains("no multi-factor authentication", after.Body["authenticationMessage"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_revoked_token_turns_its_instance_consentRequired_with_one_alert_and_no_further_exchanges()
    {
        await using var controller = Gateway.Controller();
        await controller.InstallAsync(Gateway.Settings());
        await controller.OperationAsync(HttpMethod.Post, "app", controller.InstanceId, "refreshToken", new JsonObject { ["refreshToken"] = Gateway.Microsoft.IssueRefreshToken() });
        Gateway.Microsoft.RevokeRefreshTokens();
        var workflows = Gateway.Services.GetRequiredService<IWorkflowClient>();
        var job = GatewayJobs.Timer(KeepTokensAlive.Name);
        var day = DateTimeOffset.UtcNow.AddDays(1);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));

        await job.Run(new JobContext(Gateway.Services, workflows, day), CancellationToken.None);
        var first = await workflows.WaitForInstanceCompletionAsync(KeepTokensAlive.WorkflowInstanceId(controller.InstanceId, day), getInputsAndOutputs: true, timeout.Token);
        for (var later = 1; later <= 5; later++)
        {
            await job.Run(new JobContext(Gateway.Services, workflows, day.AddDays(later)), CancellationToken.None);
        }

        var read = await controller.RetrieveAsync("app", controller.InstanceId);
        var alerts = Gateway.Logs.Lines.Count(l => l.Message.StartsWith("ALERT consent lost", StringComparison.Ordinal) && l.Message.Contains(controller.InstanceId, StringComparison.Ordinal));

        Assert.Equal(ConsentStatus.ConsentRequired, first.ReadOutputAs<ConsentCheck>()!.Status);
        Assert.Equal("consentRequired", read.Body!["authenticationStatus"]!.GetValue<string>());
        Assert.Equal(1, alerts);
        Assert.Equal(1, await workflows.GetAllInstancesAsync(new WorkflowQuery(InstanceIdPrefix: $"keepalive_{controller.InstanceId}_")).CountAsync());
    }
}
