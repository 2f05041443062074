extern alias localgateway;

using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using O365Functions.Api.Aps;
using O365Functions.Api.Aps.Package;
using O365Functions.Api.Aps.Phases;
using O365Functions.Api.Aps.Services;
using O365Functions.Core.Jobs;
using O365Functions.Core.State;
using O365Functions.Core.Workflows;
using O365Functions.Emulators.Aps;
using O365Functions.Orchestration;

namespace O365Functions.Benchmarks;

/// <summary>
/// The APS endpoint's sync phase under load: 64 controllers' worth of concurrent clients over HTTPS with the
/// controller certificate, each sending provisioning requests for new resources. Every answer goes the whole way a
/// real one does (TLS, instance lookup and certificate check, body limits and type check, the operation pointer, a
/// workflow start on the embedded runtime over SQLite, 202 with APS-Retry-Timeout) while the runtime runs the started
/// workflows on the same two cores. The probe service and its one-step workflow stand in for tenant provisioning,
/// whose workflows arrive with the provisioning release.
/// </summary>
internal static class ApsSyncBenchmark
{
    internal const string ProbeWorkflow = "BenchmarkProbe";
    private const string ProbeActivity = "BenchmarkProbeStep";
    private static readonly TimeSpan DrainDeadline = TimeSpan.FromMinutes(3);
    private static long _probeSteps;

    private static long ProbeSteps => Interlocked.Read(ref _probeSteps);

    public static async Task<int> RunAsync(string[] args)
    {
        var clients = int.Parse(Option(args, "--clients") ?? "64", CultureInfo.InvariantCulture);
        var duration = TimeSpan.FromSeconds(double.Parse(Option(args, "--seconds") ?? "15", CultureInfo.InvariantCulture));
        var startWorkflows = !args.Contains("--no-workflows");
        var rate = Option(args, "--rate") is { } perSecond ? double.Parse(perSecond, CultureInfo.InvariantCulture) : (double?)null;
        var stepWorkers = Option(args, "--step-workers") is { } workers ? int.Parse(workers, CultureInfo.InvariantCulture) : Environment.ProcessorCount;
        using var gateway = new ProbeGateway(startWorkflows, stepWorkers);
        await using var controller = await gateway.StartWithInstanceAsync();

        var workflows = gateway.Services.GetRequiredService<IWorkflowClient>();
        var probe = gateway.Services.GetRequiredService<ProbeService>();
        await LoadAsync(controller, clients, TimeSpan.FromSeconds(3), rate);
        var warmUpDrained = await DrainAsync(workflows, probe.Started, DrainDeadline) && await AllCompletedAsync(workflows, probe.Started, DrainDeadline);
        var gc = new GcWindow();
        var stepsBefore = ProbeSteps;
        var (latencies, statuses, elapsed) = await LoadAsync(controller, clients, duration, rate);
        var run = gc.Close();
        var stepsInRun = ProbeSteps - stepsBefore;
        var startedInRun = probe.Started.Count;
        var drained = await DrainAsync(workflows, probe.Started, DrainDeadline);
        var runAndDrain = gc.Close();
        var allCompleted = drained && await AllCompletedAsync(workflows, probe.Started, DrainDeadline);

        var sorted = latencies.Order().ToArray();
        double At(double q) => sorted[Math.Min(sorted.Length - 1, (int)(q * sorted.Length))];
        Console.WriteLine($"POST /aps/loadProbes (sync phase, new resource each), HTTPS with the controller certificate, {clients} clients, " +
            $"{(rate is null ? "back to back" : $"paced to {rate:F0} requests/s in all, latency counted from each request's scheduled time")}, {elapsed.TotalSeconds:F1} s after a 3 s warm-up, {Environment.ProcessorCount} cores");
        Console.WriteLine("| answers | answers/s | p50 ms | p95 ms | p99 ms | max ms | statuses | workflows started / their activity run by the end |");
        Console.WriteLine("|---|---|---|---|---|---|---|---|");
        Console.WriteLine($"| {sorted.Length} | {sorted.Length / elapsed.TotalSeconds:F0} | {At(0.50):F2} | {At(0.95):F2} | {At(0.99):F2} | {sorted[^1]:F2} | " +
            $"{string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}: {s.Value}"))} | {startedInRun} / {stepsInRun} |");
        Console.WriteLine($"GC during the measured run: {run.Describe(sorted.Length, "answer")}; heap {GC.GetTotalMemory(false) / (1024 * 1024)} MB at the end, peak working set {Process.GetCurrentProcess().PeakWorkingSet64 / (1024 * 1024)} MB");
        if (startWorkflows)
        {
            Console.WriteLine(
                $"GC from the run's start until its workflows completed ({(allCompleted ? "all completed" : $"not all completed within {DrainDeadline.TotalSeconds:F0} s")}" +
                $"{(warmUpDrained ? string.Empty : "; the warm-up's workflows had not all completed before the run")}): {runAndDrain.Describe(sorted.Length, "workflow")}");
        }

        return statuses.Keys.All(status => status == StatusCodes.Status202Accepted) ? 0 : 1;
    }

    /// <summary>
    /// Waits for the last workflow the probe service started (the runtime steps instances in the order they were queued,
    /// so the others are done or nearly), without listing instances, which would read every instance's state inside
    /// the figures it measures; false when it had not completed by <paramref name="deadline"/>.
    /// </summary>
    private static async Task<bool> DrainAsync(IWorkflowClient workflows, ConcurrentQueue<string> started, TimeSpan deadline)
    {
        using var timeout = new CancellationTokenSource(deadline);
        try
        {
            if (started.LastOrDefault() is { } last)
            {
                await workflows.WaitForInstanceCompletionAsync(last, cancellationToken: timeout.Token);
            }

            return true;
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>Waits for each workflow the probe service started, then forgets them; false when one had not completed by <paramref name="deadline"/>.</summary>
    private static async Task<bool> AllCompletedAsync(IWorkflowClient workflows, ConcurrentQueue<string> started, TimeSpan deadline)
    {
        using var timeout = new CancellationTokenSource(deadline);
        try
        {
            while (started.TryDequeue(out var instanceId))
            {
                await workflows.WaitForInstanceCompletionAsync(instanceId, cancellationToken: timeout.Token);
            }

            return true;
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            return false;
        }
    }

    /// <summary>
    /// Back to back (closed loop) without a rate; with one, client <c>i</c> sends its <c>k</c>-th request at
    /// <c>(k * clients + i) / rate</c> seconds and its latency counts from that time, so a slow answer that delays the
    /// next request is charged to it (no coordinated omission).
    /// </summary>
    internal static async Task<(List<double> Latencies, Dictionary<int, int> Statuses, TimeSpan Elapsed)> LoadAsync(
        ApsControllerEmulator controller, int clients, TimeSpan duration, double? rate)
    {
        var clock = Stopwatch.StartNew();
        var perClient = await Task.WhenAll(Enumerable.Range(0, clients).Select(client => Task.Run(async () =>
        {
            var latencies = new List<double>();
            var statuses = new Dictionary<int, int>();
            for (var k = 0L; clock.Elapsed < duration; k++)
            {
                var scheduled = rate is { } perSecond ? TimeSpan.FromSeconds(((k * clients) + client) / perSecond) : clock.Elapsed;
                if (scheduled >= duration)
                {
                    break;
                }

                if (scheduled > clock.Elapsed)
                {
                    await Task.Delay(scheduled - clock.Elapsed);
                }

                var body = new JsonObject { ["aps"] = new JsonObject { ["id"] = Guid.NewGuid().ToString() }, ["seats"] = 5 };
                using var response = await controller.SendAsync(HttpMethod.Post, "loadProbes", body);
                await response.Content.CopyToAsync(Stream.Null);
                latencies.Add((clock.Elapsed - scheduled).TotalMilliseconds);
                statuses[(int)response.StatusCode] = statuses.GetValueOrDefault((int)response.StatusCode) + 1;
            }

            return (latencies, statuses);
        })));
        return (
            [.. perClient.SelectMany(c => c.latencies)],
            perClient.SelectMany(c => c.statuses).GroupBy(s => s.Key).ToDictionary(g => g.Key, g => g.Sum(s => s.Value)),
            clock.Elapsed);
    }

    internal static JsonObject Settings() => new()
    {
        ["cloud"] = "global",
        ["partnerTenantId"] = Guid.NewGuid().ToString(),
        ["applicationId"] = Guid.NewGuid().ToString(),
        ["applicationSecret"] = "benchmark",
        ["defaultCountry"] = "US",
    };

    internal static string? Option(string[] args, string name)
    {
        var index = Array.IndexOf(args, name);
        return index >= 0 && index + 1 < args.Length ? args[index + 1] : null;
    }

    /// <summary>The local gateway with the probe service and its workflow added, quiet logs and a fresh data folder.</summary>
    /// <summary>The local gateway with the probe service; <paramref name="recentSpans"/> sets <c>Telemetry:RecentSpans</c> (0: no span recorded).</summary>
    internal sealed class ProbeGateway(bool startWorkflows, int stepWorkers, int? recentSpans = null) : WebApplicationFactory<localgateway::Program>
    {
        private readonly DirectoryInfo _data = Directory.CreateTempSubdirectory("o365-aps-bench-");

        /// <summary>The address the server listens on, once started.</summary>
        public Uri Address { get; private set; } = null!;

        /// <summary>Starts the server on a loopback HTTPS port and installs an instance through a controller emulator, which it returns.</summary>
        public async Task<ApsControllerEmulator> StartWithInstanceAsync()
        {
            UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps()));
            StartServer();
            Address = new Uri(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());
            var controller = new ApsControllerEmulator(new ApsControllerOptions { Endpoint = new Uri(Address, "/aps/") });
            var installed = await controller.InstallAsync(Settings());
            if (!installed.Succeeded)
            {
                await controller.DisposeAsync();
                throw new InvalidOperationException($"The benchmark's instance was not installed: {installed.Status} {installed.Message}");
            }

            return controller;
        }

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            builder.UseSolutionRelativeContentRoot("src/O365Functions.Local");
            builder.UseSetting("Microsoft:EmulatorPort", "0");
            builder.UseSetting("Storage:DataDirectory", _data.FullName);
            builder.UseSetting("Aps:Certificate:ControllerIssuers:0", ApsControllerEmulator.ControllerAuthority.ExportCertificatePem());
            builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
            if (recentSpans is { } capacity)
            {
                builder.UseSetting(O365Functions.Api.Telemetry.RecentSpans.CapacitySetting, capacity.ToString(CultureInfo.InvariantCulture));
            }

            builder.ConfigureTestServices(services =>
            {
                services.AddSingleton(provider => new ProbeService(provider.GetRequiredService<ApsPhases>(), startWorkflows));
                services.AddSingleton<ApsService>(provider => provider.GetRequiredService<ProbeService>());
                services.AddSingleton(provider =>
                {
                    var registry = new WorkflowRegistry();
                    GatewayJobs.RegisterWorkflows(registry, provider);
                    registry.AddWorkflow<int>(ProbeWorkflow, async context => await context.CallActivityAsync<int>(ProbeActivity, context.GetInput<int>()));
                    registry.AddActivity<int, int>(ProbeActivity, (seats, _) =>
                    {
                        Interlocked.Increment(ref _probeSteps);
                        return Task.FromResult(seats);
                    });
                    return new EmbeddedWorkflowRuntime(
                        provider.GetRequiredService<IEntityStore>(),
                        registry,
                        new EmbeddedRuntimeOptions { CompletedHistoryRetention = null, MaxConcurrentWorkflows = stepWorkers },
                        provider.GetRequiredService<ILoggerFactory>());
                });
            });
        }

        protected override void Dispose(bool disposing)
        {
            base.Dispose(disposing);
            if (disposing && _data.Exists)
            {
                _data.Delete(recursive: true);
            }
        }
    }

    /// <summary>A resource type whose provisioning is one workflow, served through the real endpoint and phases.</summary>
    private sealed class ProbeService(ApsPhases phases, bool startWorkflows) : ApsService
    {
        private static readonly ApsType ProbeType = new(
            "loadProbes",
            "Benchmark probe",
            [new("seats", ApsPropertyKind.WholeNumber, "Seats to provision.") { Required = true }],
            [],
            []);

        public override ApsType Type => ProbeType;

        /// <summary>The instance ids of the workflows asked for, in order, for the benchmark to wait on.</summary>
        public ConcurrentQueue<string> Started { get; } = new();

        public override Task<IResult> ProvisionAsync(ApsCall call, CancellationToken cancellationToken)
        {
            if (!startWorkflows)
            {
                return Task.FromResult(phases.Accepted("provision", null));
            }

            var operation = new ApsOperationRequest(
                call.InstanceId, call.ResourceId, "provision", ProbeWorkflow, call.Body["seats"]!.GetValue<int>(), Encoding.UTF8.GetBytes(call.Body.ToJsonString()));
            Started.Enqueue(operation.WorkflowInstanceId);
            return phases.StartOrPollAsync(operation, call.Workflows, _ => Task.FromResult(Results.NoContent()), beforeStart: null, cancellationToken);
        }

        public override Task<IResult> RetrieveAsync(ApsCall call, CancellationToken cancellationToken) => NotHere();

        public override Task<IResult> ConfigureAsync(ApsCall call, CancellationToken cancellationToken) => NotHere();

        public override Task<IResult> UnprovisionAsync(ApsCall call, CancellationToken cancellationToken) => NotHere();

        private static Task<IResult> NotHere() => Task.FromResult(Results.StatusCode(StatusCodes.Status501NotImplemented));
    }
}
