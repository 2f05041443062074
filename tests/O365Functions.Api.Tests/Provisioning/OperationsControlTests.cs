using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using O365Functions.Api.Operations;
using O365Functions.Api.Tests.Aps;
using O365Functions.Core.Secrets;
using static O365Functions.Api.Tests.Provisioning.TenantScenario;

namespace O365Functions.Api.Tests.Provisioning;

/// <summary>Pause, resume, drain, the list of operations and the instances' health, behind the admin key.</summary>
public sealed class OperationsControlTests : IDisposable
{
    private const string Key = "operations-test-admin-key";
    private readonly ApsGateway _gateway = ApsGateway.Start(("Provisioning:ActivationPollInterval", "00:00:00.100"));

    [Fact]
    public async Task Paused_work_is_accepted_and_waits_then_runs_after_resume_and_drain_answers_once_nothing_runs()
    {
        using var operator_ = _gateway.AnonymousClient();
        using var off = await operator_.PostAsync(new Uri("/operations/pause", UriKind.Relative), null);
        await _gateway.Services.GetRequiredService<ISecretStore>().SetAsync(OperationsHandlers.KeySecretName, Key);
        using var wrongKey = await Send(operator_, HttpMethod.Post, "/operations/pause", "not-the-key");
        await using var scenario = await StartAsync(_gateway);
        var order = scenario.NewTenant(Licenses(("O365_BUSINESS_PREMIUM", 1)));
        order["aps"] = new JsonObject { ["id"] = Guid.NewGuid().ToString(), ["type"] = "http://o365functions.local/aps/tenants/1.0" };
        var customers = _gateway.Microsoft.Customers().Count;

        using var paused = await Send(operator_, HttpMethod.Post, "/operations/pause?reason=upgrade", Key);
        var publicHealth = await operator_.GetFromJsonAsync<JsonObject>(new Uri("/health", UriKind.Relative));
        using var accepted = await scenario.Controller.SendAsync(HttpMethod.Post, "tenants", order);
        var waiting = await (await Send(operator_, HttpMethod.Get, "/operations?status=waiting", Key)).Content.ReadFromJsonAsync<JsonObject>();
        var customersWhilePaused = _gateway.Microsoft.Customers().Count;
        using var resumed = await Send(operator_, HttpMethod.Post, "/operations/resume", Key);
        var (_, outcome) = await scenario.Controller.ProvisionAsync("tenants", order);
        using var drained = await Send(operator_, HttpMethod.Post, "/operations/drain?timeoutSeconds=10", Key);
        var health = await (await Send(operator_, HttpMethod.Get, "/operations/health", Key)).Content.ReadFromJsonAsync<JsonObject>();

        Assert.Equal(HttpStatusCode.Unauthorized, off.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, wrongKey.StatusCode);
        Assert.Equal(await off.Content.ReadAsStringAsync(), await wrongKey.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, paused.StatusCode);
        Assert.Equal("paused", publicHealth!["provisioning"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        Assert.Contains("paused provisioning", accepted.Headers.GetValues("APS-Info").Single(), StringComparison.Ordinal);
        Assert.Contains(waiting!["operations"]!.AsArray(), o => o!["resourceId"]!.GetValue<string>() == order["aps"]!["id"]!.GetValue<string>());
        Assert.Equal(customers, customersWhilePaused);
        Assert.Equal(HttpStatusCode.OK, resumed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, outcome.Status);
        Assert.Equal(HttpStatusCode.OK, drained.StatusCode);
        var instance = health!["instances"]!.AsArray().Single(i => i!["instanceId"]!.GetValue<string>() == scenario.Controller.InstanceId)!;
        Assert.Equal("authenticated", instance["tokenStatus"]!.GetValue<string>());
        Assert.NotNull(instance["lastKeepAlive"]);
        Assert.Equal(0, instance["pendingOperations"]!.GetValue<int>());
        Assert.False(health["paused"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Guessing_the_admin_key_is_slowed_per_address_and_every_refusal_is_logged_without_the_key()
    {
        using var operator_ = _gateway.AnonymousClient();
        await _gateway.Services.GetRequiredService<ISecretStore>().SetAsync(OperationsHandlers.KeySecretName, Key);
        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < AdminKeyGuard.FreeFailures + 2; i++)
        {
            answers.Add(await Send(operator_, HttpMethod.Get, "/operations/health", $"guess-{i}-secret-ish"));
        }

        using var rightButWaiting = await Send(operator_, HttpMethod.Get, "/operations/health", Key);
        var refusals = _gateway.Logs.Lines.Where(l => l.Message.Contains("Operations request from", StringComparison.Ordinal)).ToList();

        Assert.All(answers.Take(AdminKeyGuard.FreeFailures + 1), a => Assert.Equal(HttpStatusCode.Unauthorized, a.StatusCode));
        Assert.Equal(HttpStatusCode.TooManyRequests, answers[^1].StatusCode);
        Assert.Equal(HttpStatusCode.TooManyRequests, rightButWaiting.StatusCode);
        Assert.NotNull(rightButWaiting.Headers.RetryAfter);
        Assert.Equal(AdminKeyGuard.FreeFailures + 1, refusals.Count);
        Assert.All(refusals, l => Assert.DoesNotContain("secret-ish", l.Message, StringComparison.Ordinal));
        Assert.Contains("127.0.0.1", refusals[0].Message, StringComparison.Ordinal);
        answers.ForEach(a => a.Dispose());
    }

    public void Dispose() => _gateway.Dispose();

    private static async Task<HttpResponseMessage> Send(HttpClient client, HttpMethod method, string path, string key)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        request.Headers.Add(OperationsHandlers.KeyHeader, key);
        return await client.SendAsync(request);
    }
}
