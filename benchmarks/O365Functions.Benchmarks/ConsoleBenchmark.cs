using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using O365Functions.Api.Operations;
using O365Functions.Core.Secrets;
using O365Functions.Core.State.Records;
using O365Functions.Core.Workflows;

namespace O365Functions.Benchmarks;

/// <summary>
/// The console's pages against a full store: 10,000 tenant records (each with two subscriptions and a reconciliation
/// report) and 100,000 operation records on the local gateway over SQLite. Each page's data route is asked for 200
/// times in a row over HTTPS with the admin key, the way the console asks (first page, a deep page by its token, one
/// resource, a status filter), and its latency percentiles reported. The operation records point at 500 real,
/// completed workflows, so every row's workflow is read as it would be.
/// </summary>
internal static class ConsoleBenchmark
{
    private const string Key = "console-benchmark-admin-key";

    public static async Task<int> RunAsync(string[] args)
    {
        var tenants = int.Parse(ApsSyncBenchmark.Option(args, "--tenants") ?? "10000", CultureInfo.InvariantCulture);
        var operations = int.Parse(ApsSyncBenchmark.Option(args, "--operations") ?? "100000", CultureInfo.InvariantCulture);
        var iterations = int.Parse(ApsSyncBenchmark.Option(args, "--requests") ?? "200", CultureInfo.InvariantCulture);
        using var gateway = new ApsSyncBenchmark.ProbeGateway(startWorkflows: true, Environment.ProcessorCount);
        await using var controller = await gateway.StartWithInstanceAsync();
        var address = gateway.Address;

        var instance = controller.InstanceId;
        await gateway.Services.GetRequiredService<ISecretStore>().SetAsync(OperatorAccess.KeySecretName, Key);
        var seeding = System.Diagnostics.Stopwatch.StartNew();
        var workflows = await StartWorkflowsAsync(gateway.Services.GetRequiredService<IWorkflowClient>(), instance, 500);
        var store = await gateway.Services.GetRequiredService<GatewayRecords>().GetAsync();
        await Parallel.ForEachAsync(Enumerable.Range(0, operations), new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (i, token) =>
        {
            var resource = $"res-{i:D6}";
            await store.UpsertAsync(RecordKey.ResourceOperation(instance, resource),
                new ResourceOperationRecord(instance, resource, "provision", workflows[i % workflows.Count], DateTimeOffset.UtcNow, TraceId: $"{i:x32}"), token);
        });
        await Parallel.ForEachAsync(Enumerable.Range(0, tenants), new ParallelOptions { MaxDegreeOfParallelism = 64 }, async (i, token) =>
        {
            var apsId = $"tenant-{i:D5}";
            var customer = $"{i:D8}-0000-0000-0000-000000000000";
            var subscriptions = new List<SubscriptionRecord>
            {
                new("O365_BUSINESS_PREMIUM", $"{i:D8}-0000-0000-0000-00000000000a", "offer-a", 10, SubscriptionStatus.Active),
                new("SHAREPOINTSTORAGE", $"{i:D8}-0000-0000-0000-00000000000b", "offer-b", 2, SubscriptionStatus.Active),
            };
            await store.UpsertAsync(RecordKey.Tenant(instance, apsId),
                new TenantRecord(instance, apsId, customer, $"t{i}.onmicrosoft.com", $"Tenant {i}", "US", TenantStatus.Active, subscriptions), token);
            await store.UpsertAsync(RecordKey.ReconciliationReport(instance, apsId),
                new Core.Reconciliation.ReconciliationReport(apsId, DateTimeOffset.UtcNow, true, [], "Partner Center and the record agree."), token);
            await store.UpsertAsync(RecordKey.Customer(customer), new CustomerIndexRecord(instance, apsId), token);
        });
        Console.WriteLine($"Seeded {operations} operations over {workflows.Count} completed workflows and {tenants} tenants in {seeding.Elapsed.TotalSeconds:F0} s (SQLite).");

        using var client = Client(address);
        var deepPages = Math.Clamp((operations / 50) - 1, 1, 200);
        var deep = await DeepTokenAsync(client, $"/console/api/operations?instance={instance}&size=50", deepPages);
        var routes = new (string Name, string Path)[]
        {
            ("console page (index.html)", "/console"),
            ("instances", "/console/api/instances"),
            ("operations, first page of 50", $"/console/api/operations?instance={instance}"),
            ($"operations, page {deepPages + 1} of 50 by its token", $"/console/api/operations?instance={instance}&next={Uri.EscapeDataString(deep)}"),
            ("operations, one resource", $"/console/api/operations?instance={instance}&resource=res-{operations / 2:D6}"),
            ("operations, one resource's history", $"/console/api/operations/history?instance={instance}&resource=res-{workflows.Count / 2:D6}"),
            ("operations, failed only (a page scanned)", $"/console/api/operations?instance={instance}&status=failed"),
            ("tenants, first page of 50", $"/console/api/tenants?instance={instance}"),
            ("webhooks of today", "/console/api/webhooks"),
        };
        Console.WriteLine($"{iterations} requests each, one at a time, HTTPS with the admin key; milliseconds");
        Console.WriteLine("| page | requests | p50 | p95 | p99 |");
        Console.WriteLine("|---|---|---|---|---|");
        foreach (var (name, path) in routes)
        {
            var recorder = new LatencyRecorder(name);
            await recorder.MeasureAsync(5, _ => GetAsync(client, path));
            recorder = new LatencyRecorder(name);
            await recorder.MeasureAsync(iterations, _ => GetAsync(client, path));
            Console.WriteLine(recorder.Report());
        }

        return 0;
    }

    /// <summary>Completed workflows under operation ids, the first of resource <c>res-{i}</c>'s history each.</summary>
    private static async Task<List<string>> StartWorkflowsAsync(IWorkflowClient workflows, string instance, int count)
    {
        var ids = new List<string>();
        for (var i = 0; i < count; i++)
        {
            var id = $"{Api.Aps.Phases.ApsOperationRequest.ResourcePrefix(instance, $"res-{i:D6}")}provision_{i:x32}";
            ids.Add(await workflows.StartWorkflowAsync(ApsSyncBenchmark.ProbeWorkflow, 1, new WorkflowStartOptions(id)));
        }

        foreach (var id in ids)
        {
            await workflows.WaitForInstanceCompletionAsync(id);
        }

        return ids;
    }

    private static async Task<string> DeepTokenAsync(HttpClient client, string path, int pages)
    {
        string? next = null;
        for (var page = 0; page < pages; page++)
        {
            var body = await client.GetFromJsonAsync<JsonObject>(next is null ? path : $"{path}&next={Uri.EscapeDataString(next)}");
            next = body!["next"]?.GetValue<string>() ?? throw new InvalidOperationException($"The operations ran out after {page + 1} pages.");
        }

        return next!;
    }

    private static async Task GetAsync(HttpClient client, string path)
    {
        using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
        await response.Content.LoadIntoBufferAsync();
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{path} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        }
    }

    private static HttpClient Client(Uri address)
    {
        var handler = new SocketsHttpHandler();
        handler.SslOptions.RemoteCertificateValidationCallback = (_, certificate, _, _) => certificate is not null; // the gateway's own self-signed certificate, on loopback
        var client = new HttpClient(handler) { BaseAddress = address };
        client.DefaultRequestHeaders.Add(OperatorAccess.KeyHeader, Key);
        return client;
    }
}
