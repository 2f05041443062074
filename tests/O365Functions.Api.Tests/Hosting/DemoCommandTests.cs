using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace O365Functions.Api.Tests.Hosting;

/// <summary>
/// The README's first command, <c>demo --console</c>, run as a new user runs it: the demo tenant's order is in the
/// console with every step done and its trace, and Ctrl+C stops the gateway and deletes its data.
/// </summary>
public sealed partial class DemoCommandTests
{
    [Fact]
    public async Task The_demo_tenants_order_can_be_followed_in_the_console_until_ctrl_c_stops_the_gateway()
    {
        using var process = Process.Start(LocalGatewayCommand.StartInfo("demo", "--console", "--urls", "http://127.0.0.1:0"))!;
        var error = process.StandardError.ReadToEndAsync();
        try
        {
            var output = new List<string>();
            string? line;
            using (var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2)))
            {
                while ((line = await process.StandardOutput.ReadLineAsync(timeout.Token)) is not null && !line.StartsWith("The gateway keeps running", StringComparison.Ordinal))
                {
                    output.Add(line);
                }
            }

            Assert.True(line is not null, $"The demo ended before it said the gateway keeps running:\n{string.Join('\n', output)}");
            var console = ConsoleLine().Match(string.Join('\n', output));
            var data = DataLine().Match(string.Join('\n', output));
            Assert.True(console.Success && data.Success, $"The demo did not print the console's address, its key and its data folder:\n{string.Join('\n', output)}");
            Assert.True(Directory.Exists(data.Groups["data"].Value));
            using var http = new HttpClient { BaseAddress = new Uri(console.Groups["url"].Value) };
            http.DefaultRequestHeaders.Add("X-Gateway-Admin-Key", console.Groups["key"].Value);

            var instance = (await http.GetFromJsonAsync<JsonObject>("/console/api/instances"))!["instances"]!.AsArray().Single()!["instanceId"]!.GetValue<string>();
            var tenant = (await http.GetFromJsonAsync<JsonObject>($"/console/api/tenants?instance={instance}"))!["items"]!.AsArray().Single()!["tenant"]!;
            // The operations page shows the tenant's last operation (the limit raised after the order); its history has the order.
            var history = (await http.GetFromJsonAsync<JsonObject>($"/console/api/operations/history?instance={instance}&resource={tenant["apsId"]}"))!["items"]!.AsArray();
            var order = history.Single(o => o!["kind"]!.GetValue<string>() == "provision")!;
            var trace = (await http.GetFromJsonAsync<JsonObject>($"/console/api/trace?id={order["traceId"]}"))!["spans"]!.AsArray()
                .Select(s => s!["name"]!.GetValue<string>()).ToList();

            Assert.Equal("Demo Company", tenant["companyName"]!.GetValue<string>());
            Assert.Equal(["limits", "provision"], history.Select(o => o!["kind"]!.GetValue<string>()));
            Assert.Equal("completed", order["status"]!.GetValue<string>());
            Assert.Equal(order["totalSteps"]!.GetValue<int>(), order["completedSteps"]!.GetValue<int>());
            Assert.Contains("APS POST tenants", trace);
            Assert.Contains("step CreateCustomer", trace);
            Assert.Contains("Partner Center POST", trace);

            using (var interrupt = Process.Start("kill", ["-INT", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await interrupt.WaitForExitAsync();
            }

            using var stopping = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await process.WaitForExitAsync(stopping.Token);
            Assert.Equal(0, process.ExitCode);
            Assert.False(Directory.Exists(data.Groups["data"].Value), "Ctrl+C left the demo's data folder behind.");
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            await error;
        }
    }

    [GeneratedRegex(@"console\s+(?<url>http://127\.0\.0\.1:\d+)/console \(admin key (?<key>[0-9a-f]{32}):")]
    private static partial Regex ConsoleLine();

    [GeneratedRegex(@"data in (?<data>[^)]+)\)")]
    private static partial Regex DataLine();
}
