using System.Net;
using System.Text.Json.Nodes;
using Deque.AxeCore.Playwright;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using O365Functions.Api.Operations;
using O365Functions.Api.Tests.Aps;
using O365Functions.Core.Secrets;
using static O365Functions.Api.Tests.Provisioning.TenantScenario;

namespace O365Functions.Api.Tests.Console;

/// <summary>
/// The operations console in a real browser against the local gateway and the emulators: an operator signs in, finds
/// a tenant order Microsoft refused (with the step and Microsoft's code), retries it once the cause is gone and
/// watches it complete, looks at the tenant and the day's webhooks, and pauses and resumes provisioning; every page
/// is checked for serious accessibility faults. <c>O365_CONSOLE_SCREENSHOTS</c> names a folder for each page's picture.
/// </summary>
public sealed class ConsoleBrowserTests : IDisposable
{
    private const string Key = "console-test-admin-key";
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private readonly ApsGateway _gateway = ApsGateway.Start(("Provisioning:ActivationPollInterval", "00:00:00.100"));

    [Fact]
    public async Task An_operator_finds_a_refused_order_retries_it_after_the_cause_is_fixed_and_pauses_and_resumes()
    {
        await _gateway.Services.GetRequiredService<ISecretStore>().SetAsync(OperationsHandlers.KeySecretName, Key);
        await using var scenario = await StartAsync(_gateway, settings: s => s["catalogCountries"] = new JsonArray("US", "JP"));
        var order = scenario.NewTenant(Licenses(("O365_BUSINESS_PREMIUM", 1)));
        order["country"] = "JP";
        var (tenantId, refused) = await scenario.Controller.ProvisionAsync("tenants", order);
        Assert.Equal(HttpStatusCode.InternalServerError, refused.Status);
        var customers = _gateway.Microsoft.Customers().Count;

        await using var browser = await ConsoleBrowser.LaunchAsync();
        var page = await browser.Context.NewPageAsync();
        await page.GotoAsync(new Uri(_gateway.Endpoint, "/console").AbsoluteUri);

        // Signed out, the console asks for the key and shows no data.
        await Expect(page.GetByLabel("Admin key")).ToBeVisibleAsync();
        await CheckAccessibilityAsync(page, "sign-in");
        await page.GetByLabel("Admin key").FillAsync(Key);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        var instanceRow = page.GetByRole(AriaRole.Row).Filter(new() { HasText = scenario.Controller.InstanceId });
        await Expect(instanceRow).ToContainTextAsync("authenticated");
        await CheckAccessibilityAsync(page, "instances");

        // The refused order: failed, at the step that failed, with Microsoft's code.
        await page.GetByRole(AriaRole.Link, new() { Name = "Operations" }).ClickAsync();
        await page.GetByLabel("Tenant or resource id").FillAsync(tenantId);
        await page.GetByLabel("Status").SelectOptionAsync("failed");
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply" }).ClickAsync();
        var operation = page.Locator($"tr[data-resource='{tenantId}']");
        await Expect(operation).ToContainTextAsync("failed");
        await Expect(operation).ToContainTextAsync("2030");
        await Expect(operation).ToContainTextAsync("Creating the customer");
        await CheckAccessibilityAsync(page, "operations");

        // The partner is onboarded in Japan now; the retry runs the order again and it completes, buying once.
        _gateway.Microsoft.Options.AllowedCountries.Add("JP");
        await page.GetByLabel("Status").SelectOptionAsync(string.Empty);
        await page.GetByRole(AriaRole.Button, new() { Name = "Apply" }).ClickAsync();
        await operation.GetByRole(AriaRole.Button, new() { Name = "Retry" }).ClickAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("started again");
        await Expect(operation).ToContainTextAsync("completed", new() { Timeout = (float)Patience.TotalMilliseconds });
        await Expect(operation).ToContainTextAsync("attempt 2");
        Assert.Equal(customers + 1, _gateway.Microsoft.Customers().Count);

        // The retry's trace: the request, the workflow, each step and each Partner Center call with its correlation id.
        await operation.GetByRole(AriaRole.Button, new() { NameRegex = new System.Text.RegularExpressions.Regex("^Show trace") }).ClickAsync();
        var trace = page.Locator("section.trace");
        await Expect(trace).ToContainTextAsync("workflow ProvisionTenant", new() { Timeout = (float)Patience.TotalMilliseconds });
        await Expect(trace).ToContainTextAsync("step CreateCustomer");
        await Expect(trace).ToContainTextAsync("Partner Center POST");
        await Expect(trace).ToContainTextAsync("ms.correlation_id=");
        await CheckAccessibilityAsync(page, "trace");

        // The tenant's history: the refused order and its retry, each with its own outcome.
        await operation.GetByRole(AriaRole.Button, new() { Name = "History" }).ClickAsync();
        var history = page.GetByRole(AriaRole.Table, new() { Name = "Every operation of the resource, newest first" });
        await Expect(history.GetByRole(AriaRole.Row)).ToHaveCountAsync(3);
        await Expect(history.GetByRole(AriaRole.Row).Nth(1)).ToContainTextAsync("completed");
        await Expect(history.GetByRole(AriaRole.Row).Nth(1)).ToContainTextAsync("attempt 2");
        await Expect(history.GetByRole(AriaRole.Row).Nth(2)).ToContainTextAsync("failed");
        await Expect(history.GetByRole(AriaRole.Row).Nth(2)).ToContainTextAsync("2030");
        await CheckAccessibilityAsync(page, "history");
        var polled = await scenario.Controller.RetrieveAsync("tenants", tenantId);
        Assert.Equal(HttpStatusCode.OK, polled.Status);

        await page.GetByRole(AriaRole.Link, new() { Name = "Tenants" }).ClickAsync();
        var tenants = page.GetByRole(AriaRole.Table, new() { Name = "Tenants with their subscriptions" });
        await Expect(tenants.GetByRole(AriaRole.Row).Filter(new() { HasText = tenantId })).ToContainTextAsync("O365_BUSINESS_PREMIUM: 1 seat bought, 0 assigned, active");
        await CheckAccessibilityAsync(page, "tenants");

        await page.GetByRole(AriaRole.Link, new() { Name = "Webhooks" }).ClickAsync();
        await Expect(page.GetByLabel("Day (UTC)")).ToBeVisibleAsync();
        await CheckAccessibilityAsync(page, "webhooks");

        // Pause and resume from the keyboard: each control says what it does before it is used.
        await page.GetByRole(AriaRole.Link, new() { Name = "Controls" }).ClickAsync();
        await Expect(page.GetByText("New APS work is accepted with 202 and waits")).ToBeVisibleAsync();
        await page.GetByLabel("Pause").FillAsync("browser test");
        await page.GetByRole(AriaRole.Button, new() { Name = "Pause", Exact = true }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(page.Locator("#switch")).ToContainTextAsync("Provisioning paused");
        await Expect(page.Locator("#switch")).ToContainTextAsync("browser test");
        Assert.True(await _gateway.Services.GetRequiredService<GatewayControl>().IsPausedAsync(CancellationToken.None));
        await CheckAccessibilityAsync(page, "controls");
        await page.GetByRole(AriaRole.Button, new() { Name = "Resume" }).ClickAsync();
        await Expect(page.Locator("#switch")).ToHaveTextAsync("Provisioning running");
    }

    [Fact]
    public async Task A_wrong_key_brings_the_sign_in_back_and_shows_no_data()
    {
        await _gateway.Services.GetRequiredService<ISecretStore>().SetAsync(OperationsHandlers.KeySecretName, Key);
        await using var browser = await ConsoleBrowser.LaunchAsync();
        var page = await browser.Context.NewPageAsync();
        await page.GotoAsync(new Uri(_gateway.Endpoint, "/console#operations").AbsoluteUri);

        await page.GetByLabel("Admin key").FillAsync("not-the-key");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();

        await Expect(page.GetByLabel("Admin key")).ToBeVisibleAsync();
        await Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("refused that admin key");
        await Expect(page.Locator("#page")).ToBeEmptyAsync();
    }

    public void Dispose() => _gateway.Dispose();

    private static async Task CheckAccessibilityAsync(IPage page, string name)
    {
        var folder = Environment.GetEnvironmentVariable("O365_CONSOLE_SCREENSHOTS");
        if (!string.IsNullOrEmpty(folder))
        {
            Directory.CreateDirectory(folder);
            await page.ScreenshotAsync(new() { Path = Path.Combine(folder, $"{name}.png"), FullPage = true });
        }

        var results = await page.RunAxe();
        var serious = results.Violations.Where(v => v.Impact is "serious" or "critical").Select(v => $"{v.Id}: {v.Help} ({string.Join(", ", v.Nodes.Select(n => n.Html))})").ToList();
        Assert.True(serious.Count == 0, $"The {name} page has serious accessibility faults:\n{string.Join('\n', serious)}");
    }

    private static ILocatorAssertions Expect(ILocator locator) => Assertions.Expect(locator);
}
