using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using O365Functions.Api.Operations;
using O365Functions.Api.Tests.Aps;
using O365Functions.Api.Tests.Provisioning;
using O365Functions.Core.Secrets;
using static O365Functions.Api.Tests.Provisioning.TenantScenario;

namespace O365Functions.Api.Tests.Console;

/// <summary>The console's data routes: the credential, bad input, paging, a tenant with its users, retry refusals, webhooks and Entra sign-in.</summary>
public sealed class ConsoleApiTests : IDisposable
{
    private const string Key = "console-api-test-admin-key";
    private const string Operator = "5b7d0c1e-0f53-4f6c-9d8a-3c1f2e4a6b7d";
    private readonly ApsGateway _gateway = ApsGateway.Start(
        ("Provisioning:ActivationPollInterval", "00:00:00.100"),
        ("Operators:AppServiceAuthentication", "true"),
        ("Operators:Principals:0", Operator));

    [Fact]
    public async Task Operations_page_on_the_server_and_bad_input_is_answered_with_what_to_send()
    {
        await _gateway.Services.GetRequiredService<ISecretStore>().SetAsync(OperationsHandlers.KeySecretName, Key);
        await using var scenario = await StartAsync(_gateway);
        var tenants = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var (id, outcome) = await scenario.Controller.ProvisionAsync("tenants", scenario.NewTenant(Licenses(("O365_BUSINESS_PREMIUM", 1))));
            Ensure(outcome);
            tenants.Add(id);
        }

        var (user, added) = await scenario.Controller.ProvisionAsync("users", new JsonObject
        {
            ["tenant"] = new JsonObject { ["aps"] = new JsonObject { ["id"] = tenants[0] } },
            ["login"] = "ada",
            ["displayName"] = "Ada",
            ["usageLocation"] = "US",
            ["licenses"] = new JsonArray("O365_BUSINESS_PREMIUM"),
            ["password"] = "Initial-Passw0rd!",
        });
        Ensure(added);
        using var client = _gateway.AnonymousClient();
        var instance = scenario.Controller.InstanceId;
        var seen = new List<string>();
        string? next = null;
        var pages = 0;
        do
        {
            var page = await GetAsync(client, $"/console/api/operations?instance={instance}&size=2{(next is null ? string.Empty : $"&next={Uri.EscapeDataString(next)}")}");
            seen.AddRange(page["items"]!.AsArray().Select(o => o!["resourceId"]!.GetValue<string>()));
            next = page["next"]?.GetValue<string>();
            pages++;
        }
        while (next is not null && pages < 10);

        var ofTenant = await GetAsync(client, $"/console/api/operations?instance={instance}&resource={tenants[0]}");
        var completed = await GetAsync(client, $"/console/api/operations?instance={instance}&status=completed&resource={tenants[1]}");
        var failedOnly = await GetAsync(client, $"/console/api/operations?instance={instance}&status=failed");
        using var noInstance = await SendAsync(client, HttpMethod.Get, "/console/api/operations");
        using var badDay = await SendAsync(client, HttpMethod.Get, "/console/api/webhooks?day=07/12/2026");
        using var badTrace = await SendAsync(client, HttpMethod.Get, "/console/api/trace?id=not-a-trace");
        using var notFailed = await SendAsync(client, HttpMethod.Post, $"/console/api/operations/retry?instance={instance}&resource={tenants[0]}");
        using var unknown = await SendAsync(client, HttpMethod.Post, $"/console/api/operations/retry?instance={instance}&resource=no-such-resource");
        var tenantPage = await GetAsync(client, $"/console/api/tenants?instance={instance}");
        var history = await GetAsync(client, $"/console/api/operations/history?instance={instance}&resource={tenants[1]}");
        using var historyWithoutResource = await SendAsync(client, HttpMethod.Get, $"/console/api/operations/history?instance={instance}");
        using var historyOfBadId = await SendAsync(client, HttpMethod.Get, $"/console/api/operations/history?instance={instance}&resource=a%2Fb");
        using var historyOfNothing = await SendAsync(client, HttpMethod.Get, $"/console/api/operations/history?instance={instance}&resource=no-such-resource");

        Assert.True(pages >= 2, $"Three operations and more in pages of two took {pages} page(s).");
        Assert.Equal([tenants[0], user], ofTenant["items"]!.AsArray().Select(o => o!["resourceId"]!.GetValue<string>()));
        Assert.Equal(seen.Count, seen.Distinct().Count());
        Assert.All(tenants, t => Assert.Contains(t, seen));
        var operation = completed["items"]!.AsArray().Single()!;
        Assert.Equal("completed", operation["status"]!.GetValue<string>());
        Assert.Equal(operation["totalSteps"]!.GetValue<int>(), operation["completedSteps"]!.GetValue<int>());
        var traceId = operation["traceId"]!.GetValue<string>();
        Assert.Matches("^[0-9a-f]{32}$", traceId);
        var workflowId = operation["workflowInstanceId"]!.GetValue<string>();
        Assert.True(LogLinesOf(traceId).Any(line => line.Contains("Started the", StringComparison.Ordinal) && line.Contains(workflowId, StringComparison.Ordinal)),
            $"No log line of trace {traceId} says workflow {workflowId} started.");
        Assert.Empty(failedOnly["items"]!.AsArray());
        var only = Assert.Single(history["items"]!.AsArray())!;
        Assert.Equal(workflowId, only["workflowInstanceId"]!.GetValue<string>());
        Assert.Equal("provision", only["kind"]!.GetValue<string>());
        Assert.Equal(traceId, only["traceId"]!.GetValue<string>());
        Assert.Equal((HttpStatusCode.BadRequest, "ResourceRequired"), await ErrorOf(historyWithoutResource));
        Assert.Equal((HttpStatusCode.BadRequest, "InvalidId"), await ErrorOf(historyOfBadId));
        Assert.Equal((HttpStatusCode.NotFound, "NoOperation"), await ErrorOf(historyOfNothing));
        Assert.Equal((HttpStatusCode.BadRequest, "InstanceRequired"), await ErrorOf(noInstance));
        Assert.Equal((HttpStatusCode.BadRequest, "InvalidDay"), await ErrorOf(badDay));
        Assert.Equal((HttpStatusCode.BadRequest, "InvalidTraceId"), await ErrorOf(badTrace));
        Assert.Equal((HttpStatusCode.Conflict, "NotFailed"), await ErrorOf(notFailed));
        Assert.Equal((HttpStatusCode.NotFound, "NoOperation"), await ErrorOf(unknown));
        Assert.Equal(3, tenantPage["items"]!.AsArray().Count(t => tenants.Contains(t!["tenant"]!["apsId"]!.GetValue<string>())));
        var first = tenantPage["items"]!.AsArray().Single(t => t!["tenant"]!["apsId"]!.GetValue<string>() == tenants[0])!;
        Assert.Equal(1, first["assigned"]!["O365_BUSINESS_PREMIUM"]!.GetValue<int>());
    }

    [Fact]
    public async Task Verified_events_show_what_processed_them_and_refused_callbacks_show_why()
    {
        await _gateway.Services.GetRequiredService<ISecretStore>().SetAsync(OperationsHandlers.KeySecretName, Key);
        using var client = _gateway.AnonymousClient();
        var callback = _gateway.Microsoft.CreateSignedCallback("subscription-updated", "https://api.partnercenter.microsoft.com/webhooks/v1/customers/c/subscriptions/s", "subscription");
        var tampered = callback with { Body = [.. callback.Body] };
        tampered.Body[^3] ^= 1;

        using var accepted = await Callbacks.PostAsync(client, callback);
        using var refused = await Callbacks.PostAsync(client, tampered);
        var day = await GetAsync(client, "/console/api/webhooks");

        Assert.Equal(HttpStatusCode.Accepted, accepted.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        var received = day["items"]!.AsArray().Single()!;
        Assert.Equal("subscription-updated", received["eventName"]!.GetValue<string>());
        Assert.Contains("webhook_", received["processing"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("InvalidSignature", day["refused"]!.AsArray().Single()!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_Entra_operator_signed_in_by_App_Service_is_let_in_and_anyone_else_is_not()
    {
        await _gateway.Services.GetRequiredService<ISecretStore>().SetAsync(OperationsHandlers.KeySecretName, Key);
        using var client = _gateway.AnonymousClient();

        var session = await client.GetFromJsonAsync<JsonObject>(new Uri("/console/api/session", UriKind.Relative));
        using var signedIn = await SendAsync(client, HttpMethod.Get, "/console/api/instances", key: null, principal: Operator);
        using var otherUser = await SendAsync(client, HttpMethod.Get, "/console/api/instances", key: null, principal: Guid.NewGuid().ToString());

        Assert.Equal("/.auth/login/aad?post_login_redirect_uri=/console", session!["entraSignIn"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, signedIn.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, otherUser.StatusCode);
    }

    [Fact]
    public async Task Without_App_Service_authentication_the_principal_headers_are_anyones_and_let_nobody_in()
    {
        using var gateway = ApsGateway.Start(("Operators:Principals:0", Operator));
        await gateway.Services.GetRequiredService<ISecretStore>().SetAsync(OperationsHandlers.KeySecretName, Key);
        using var client = gateway.AnonymousClient();

        var session = await client.GetFromJsonAsync<JsonObject>(new Uri("/console/api/session", UriKind.Relative));
        using var forged = await SendAsync(client, HttpMethod.Get, "/console/api/instances", key: null, principal: Operator);

        Assert.Null(session!["entraSignIn"]);
        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
    }

    public void Dispose() => _gateway.Dispose();

    /// <summary>The gateway's log file lines (compact JSON) that carry <paramref name="traceId"/>.</summary>
    private IEnumerable<string> LogLinesOf(string traceId)
    {
        var logs = new DirectoryInfo(Path.Combine(_gateway.DataDirectory.FullName, "logs"));
        foreach (var file in logs.Exists ? logs.GetFiles("*.jsonl") : [])
        {
            using var reader = new StreamReader(file.Open(FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete));
            while (reader.ReadLine() is { } line)
            {
                if (line.Contains($"\"@tr\":\"{traceId}\"", StringComparison.Ordinal))
                {
                    yield return line;
                }
            }
        }
    }

    private static async Task<JsonObject> GetAsync(HttpClient client, string path)
    {
        using var response = await SendAsync(client, HttpMethod.Get, path);
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string path, string? key = Key, string? principal = null)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        if (key is not null)
        {
            request.Headers.Add(OperatorAccess.KeyHeader, key);
        }

        if (principal is not null)
        {
            request.Headers.Add(OperatorAccess.PrincipalProviderHeader, "aad");
            request.Headers.Add(OperatorAccess.PrincipalIdHeader, principal);
        }

        return await client.SendAsync(request);
    }

    private static async Task<(HttpStatusCode, string)> ErrorOf(HttpResponseMessage response) =>
        (response.StatusCode, (await response.Content.ReadFromJsonAsync<JsonObject>())!["error"]!.GetValue<string>());
}
