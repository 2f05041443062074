using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using O365Functions.Core.Jobs;
using O365Functions.Core.Workflows;
using O365Functions.Core.Workflows.Maintenance;

namespace O365Functions.Orchestration.Tests;

/// <summary>
/// The behaviour every workflow engine must have: the embedded runtime on SQLite and on Azurite, and Durable Task on
/// its in-process test host through the Functions app's adapters. A workflow behaves the same on the local gateway
/// and on Azure.
/// </summary>
public abstract class WorkflowRuntimeContract : IAsyncLifetime
{
    private static readonly WorkflowRetryPolicy QuickRetry = new(3, TimeSpan.FromMilliseconds(20), backoffCoefficient: 2);
    private readonly ConcurrentDictionary<string, int> _attempts = new();
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _gates = new();
    private readonly RecordingLoggerFactory _loggers = new();
    private IWorkflowEngine _engine = null!;

    private IWorkflowClient Client => _engine.Client;

    /// <summary>Switches the code path of the workflow used by the non-determinism test.</summary>
    private bool TakeNewPath { get; set; }

    /// <summary>Deploys version 2.0 of the <c>Versioned</c> workflow's code: steps added before and after its wait.</summary>
    private bool VersionTwoDeployed { get; set; }

    /// <summary>The engine under test, for the tests of one engine's own behaviour.</summary>
    protected IWorkflowEngine Engine => _engine;

    public async Task InitializeAsync()
    {
        _engine = CreateEngine(Register, _loggers);
        await _engine.StartAsync();
    }

    public async Task DisposeAsync() => await _engine.DisposeAsync();

    /// <summary>The engine under test, with the contract's workflows and activities registered through <paramref name="register"/>.</summary>
    protected abstract IWorkflowEngine CreateEngine(Action<IWorkflowRegistrar> register, ILoggerFactory loggers);

    [Fact]
    public async Task A_sequence_of_activities_runs_in_order_and_returns_the_output()
    {
        var id = await Client.StartWorkflowAsync("Sequence", "Tokyo");

        var done = await Client.CompletionOf(id);

        Assert.Equal(WorkflowRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal(["Hello Tokyo", "Hello Seattle", "Hello London"], done.ReadOutputAs<string[]>()!);
        Assert.Equal("Tokyo", done.ReadInputAs<string>());
    }

    [Fact]
    public async Task Fan_out_and_fan_in_run_every_branch_once()
    {
        var id = await Client.StartWorkflowAsync("FanOut", 30);

        var done = await Client.CompletionOf(id);

        Assert.Equal(WorkflowRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal(Enumerable.Range(1, 30).Sum(i => i * i), done.ReadOutputAs<int>());
        Assert.All(Enumerable.Range(1, 30), i => Assert.Equal(1, _attempts[$"{id}/square/{i}"]));
    }

    [Fact]
    public async Task A_retry_policy_retries_until_the_activity_succeeds()
    {
        var id = await Client.StartWorkflowAsync("Flaky", 2);

        var done = await Client.CompletionOf(id);

        Assert.Equal(WorkflowRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal("succeeded on attempt 3", done.ReadOutputAs<string>());
        Assert.Equal(3, _attempts[id + "/flaky"]);
    }

    [Fact]
    public async Task Retries_that_run_out_fail_the_workflow_naming_the_activity_and_the_exception()
    {
        var id = await Client.StartWorkflowAsync("Flaky", 10);

        var done = await Client.CompletionOf(id);

        Assert.Equal(WorkflowRuntimeStatus.Failed, done.RuntimeStatus);
        Assert.Equal(3, _attempts[id + "/flaky"]);
        var failure = done.FailureDetails!;
        Assert.True(failure.IsCausedBy<WorkflowTaskFailedException>());
        Assert.Contains("'FlakyStep'", failure.ErrorMessage, StringComparison.Ordinal);
        Assert.True(failure.InnerFailure!.IsCausedBy<TimeoutException>());
        Assert.Contains("attempt 3", failure.InnerFailure.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failure_the_filter_rejects_is_not_retried()
    {
        var id = await Client.StartWorkflowAsync("Permanent");

        var done = await Client.CompletionOf(id);

        Assert.Equal(WorkflowRuntimeStatus.Failed, done.RuntimeStatus);
        Assert.Equal(1, _attempts[id + "/permanent"]);
        Assert.True(done.FailureDetails!.InnerFailure!.IsCausedBy<ArgumentException>());
    }

    [Fact]
    public async Task A_timer_fires_after_a_restart()
    {
        var id = await Client.StartWorkflowAsync("Sleeper", 1500);
        await Client.WaitUntil(id, i => i.ReadCustomStatusAs<string>() == "sleeping");

        await _engine.RestartAsync(TimeSpan.FromMilliseconds(300));
        var done = await Client.CompletionOf(id);

        Assert.Equal(WorkflowRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.True(done.ReadOutputAs<double>() >= 1500, $"The timer fired after {done.ReadOutputAs<double>()} ms of workflow time.");
        Assert.True(done.LastUpdatedAt - done.CreatedAt >= TimeSpan.FromMilliseconds(1500));
    }

    [Fact]
    public async Task An_event_raised_before_the_wait_is_kept_for_it()
    {
        var id = await Client.StartWorkflowAsync("Approval");
        await Client.WaitUntil(id, i => i.ReadCustomStatusAs<string>() == "preparing");

        await Client.RaiseEventAsync(id, "APPROVED", new Approval("alice"));
        Gate(id).SetResult();
        var done = await Client.CompletionOf(id);

        Assert.Equal("approved by alice", done.ReadOutputAs<string>());
    }

    [Fact]
    public async Task An_event_raised_after_the_wait_completes_it_even_across_a_restart()
    {
        var id = await Client.StartWorkflowAsync("Approval");
        Gate(id).SetResult();
        await Client.WaitUntil(id, i => i.ReadCustomStatusAs<string>() == "waiting");

        await _engine.RestartAsync(TimeSpan.Zero);
        await Client.RaiseEventAsync(id, "Approved", new Approval("bob"));
        var done = await Client.CompletionOf(id);

        Assert.Equal("approved by bob", done.ReadOutputAs<string>());
    }

    [Fact]
    public async Task A_wait_with_a_timeout_is_cancelled_when_no_event_arrives()
    {
        var id = await Client.StartWorkflowAsync("ApprovalWithTimeout", 200);

        var done = await Client.CompletionOf(id);

        Assert.Equal("no decision within 00:00:00.2000000", done.ReadOutputAs<string>());
    }

    [Fact]
    public async Task Starting_an_existing_instance_id_returns_it_and_starts_nothing()
    {
        var id = "order-" + Guid.NewGuid().ToString("N");
        Assert.Equal(id, await Client.StartWorkflowAsync("Sequence", "Oslo", new WorkflowStartOptions(id)));
        await Client.CompletionOf(id);

        Assert.Equal(id, await Client.StartWorkflowAsync("Sequence", "Rome", new WorkflowStartOptions(id)));
        var instance = await Client.CompletionOf(id);

        Assert.Equal("Oslo", instance.ReadInputAs<string>());
        Assert.Equal(1, _attempts[$"{id}/hello/Oslo"]);
        Assert.False(_attempts.ContainsKey($"{id}/hello/Rome"));
    }

    [Fact]
    public async Task Changed_workflow_code_fails_the_instance_with_a_replay_mismatch()
    {
        var id = await Client.StartWorkflowAsync("Changeable");
        await Client.WaitUntil(id, i => i.ReadCustomStatusAs<string>() == "waiting");

        TakeNewPath = true;
        await Client.RaiseEventAsync(id, "go");
        var done = await Client.CompletionOf(id);

        Assert.Equal(WorkflowRuntimeStatus.Failed, done.RuntimeStatus);
        Assert.Contains("'Hello'", done.FailureDetails!.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("'Square'", done.FailureDetails.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("NonDeterministic", done.FailureDetails.ErrorType, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_instance_keeps_its_version_across_a_release_and_takes_only_that_versions_steps()
    {
        // Version 1.0 of the code runs an instance that waits; then the process restarts with version 2.0 of the code.
        var old = await Client.StartWorkflowAsync("Versioned", options: new WorkflowStartOptions(Version: "1.0"));
        await Client.WaitUntil(old, i => i.ReadCustomStatusAs<string>() == "waiting");
        await _engine.RestartAsync(TimeSpan.Zero);
        VersionTwoDeployed = true;
        var current = await Client.StartWorkflowAsync("Versioned");
        await Client.WaitUntil(current, i => i.ReadCustomStatusAs<string>() == "waiting");

        await Client.RaiseEventAsync(old, "go");
        await Client.RaiseEventAsync(current, "go");
        var oldDone = await Client.CompletionOf(old);
        var currentDone = await Client.CompletionOf(current);

        Assert.Equal(WorkflowRuntimeStatus.Completed, oldDone.RuntimeStatus);
        Assert.Equal(["1.0: A", "1.0: C"], oldDone.ReadOutputAs<string[]>()!);
        Assert.Equal(WorkflowRuntimeStatus.Completed, currentDone.RuntimeStatus);
        Assert.Equal([$"{WorkflowVersions.Current}: A", $"{WorkflowVersions.Current}: B", $"{WorkflowVersions.Current}: D", $"{WorkflowVersions.Current}: C"], currentDone.ReadOutputAs<string[]>()!);
    }

    [Fact]
    public async Task Time_and_guids_are_the_same_on_every_replay()
    {
        var id = await Client.StartWorkflowAsync("Deterministic");

        var done = await Client.CompletionOf(id);

        Assert.Equal(WorkflowRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal("same", done.ReadOutputAs<string>());
    }

    [Fact]
    public async Task A_replay_safe_logger_writes_each_message_once_however_often_the_code_replays()
    {
        var id = await Client.StartWorkflowAsync("Chatty");

        var done = await Client.CompletionOf(id);

        Assert.Equal(WorkflowRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal(["starting " + id, "between steps " + id, "finished " + id], _loggers.Lines.Where(line => line.EndsWith(id, StringComparison.Ordinal)));
    }

    [Fact]
    public async Task Terminating_a_waiting_instance_stops_it_with_the_given_output()
    {
        var id = await Client.StartWorkflowAsync("Approval");
        Gate(id).SetResult();
        await Client.WaitUntil(id, i => i.ReadCustomStatusAs<string>() == "waiting");

        await Client.TerminateInstanceAsync(id, "cancelled by the APS controller");
        var done = await Client.CompletionOf(id);

        Assert.Equal(WorkflowRuntimeStatus.Terminated, done.RuntimeStatus);
        Assert.Equal("cancelled by the APS controller", done.ReadOutputAs<string>());
        await Client.RaiseEventAsync(id, "Approved", new Approval("late"));
    }

    [Fact]
    public async Task Instances_can_be_queried_by_status_and_prefix()
    {
        var prefix = "q" + Guid.NewGuid().ToString("N")[..8];
        var finished = await Client.StartWorkflowAsync("Sequence", "A", new WorkflowStartOptions(prefix + "-done"));
        var waiting = await Client.StartWorkflowAsync("Approval", null, new WorkflowStartOptions(prefix + "-waiting"));
        await Client.CompletionOf(finished);
        await Client.WaitUntil(waiting, i => i.ReadCustomStatusAs<string>() == "preparing");

        var running = await Client.GetAllInstancesAsync(new WorkflowQuery([WorkflowRuntimeStatus.Running], prefix)).ToListAsync();
        var all = await Client.GetAllInstancesAsync(new WorkflowQuery(InstanceIdPrefix: prefix)).ToListAsync();

        Assert.Equal([waiting], running.Select(i => i.InstanceId));
        Assert.Equal([finished, waiting], all.Select(i => i.InstanceId).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Finished_instances_past_their_retention_are_purged_and_running_ones_are_kept()
    {
        var finished = await Client.StartWorkflowAsync("Sequence", "Lima");
        var waiting = await Client.StartWorkflowAsync("Approval");
        await Client.CompletionOf(finished);
        await Client.WaitUntil(waiting, i => i.RuntimeStatus == WorkflowRuntimeStatus.Running);
        var retention = new WorkflowRetentionOptions { HistoryRetentionDays = 1 };
        var twoDaysOn = DateTimeOffset.UtcNow.AddDays(2);

        await PurgeFinishedWorkflows.RunAsync(new JobContext(new SingleService(retention), Client, twoDaysOn), CancellationToken.None);

        Assert.Null(await Client.GetInstanceAsync(finished));
        Assert.NotNull(await Client.GetInstanceAsync(waiting));
        Assert.Equal(0, await Client.PurgeInstanceAsync(waiting));
    }

    [Fact]
    public async Task Bad_starts_are_refused_with_what_to_do()
    {
        var unknown = await Assert.ThrowsAsync<ArgumentException>(() => Client.StartWorkflowAsync("NoSuchWorkflow"));
        var badId = await Assert.ThrowsAsync<ArgumentException>(() =>
            Client.StartWorkflowAsync("Sequence", "x", new WorkflowStartOptions("tenant/42")));
        var missing = await Assert.ThrowsAsync<InvalidOperationException>(() => Client.RaiseEventAsync("never-started", "Approved"));

        Assert.Contains("Registered workflows:", unknown.Message, StringComparison.Ordinal);
        Assert.Contains("Sequence", unknown.Message, StringComparison.Ordinal);
        Assert.Contains("'tenant/42' cannot be a workflow instance id", badId.Message, StringComparison.Ordinal);
        Assert.Contains("never-started", missing.Message, StringComparison.Ordinal);
    }

    /// <summary>What the <c>Approval</c> workflow's preparing step waits for.</summary>
    protected TaskCompletionSource Gate(string instanceId) =>
        _gates.GetOrAdd(instanceId, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));

    private int Count(string key) => _attempts.AddOrUpdate(key, 1, (_, n) => n + 1);

    private void Register(IWorkflowRegistrar registrar) => registrar
        .AddActivity<Greeting, string>("Hello", (greeting, _) =>
        {
            Count($"{greeting.InstanceId}/hello/{greeting.City}");
            return Task.FromResult($"Hello {greeting.City}");
        })
        .AddActivity<Square, int>("Square", (square, _) =>
        {
            Count($"{square.InstanceId}/square/{square.Value}");
            return Task.FromResult(square.Value * square.Value);
        })
        .AddActivity<Flaky, string>("FlakyStep", (flaky, _) =>
        {
            var attempt = Count(flaky.InstanceId + "/flaky");
            return attempt <= flaky.Failures
                ? throw new TimeoutException($"Partner Center timed out on attempt {attempt}.")
                : Task.FromResult($"succeeded on attempt {attempt}");
        })
        .AddActivity<string>("PermanentStep", (instanceId, _) =>
        {
            Count(instanceId + "/permanent");
            throw new ArgumentException("The offer is not valid for this market.");
        })
        .AddActivity<string>("Prepare", (instanceId, cancellationToken) => Gate(instanceId).Task.WaitAsync(cancellationToken))
        .AddActivity<Guid, Guid>("Echo", (value, _) => Task.FromResult(value))
        .AddWorkflow("Sequence", async context =>
        {
            var first = context.GetInput<string>()!;
            var results = new List<string>();
            foreach (var city in new[] { first, "Seattle", "London" })
            {
                results.Add(await context.CallActivityAsync<string>("Hello", new Greeting(context.InstanceId, city)));
            }

            return results;
        })
        .AddWorkflow("FanOut", async context =>
        {
            var count = context.GetInput<int>();
            var squares = await Task.WhenAll(Enumerable.Range(1, count)
                .Select(i => context.CallActivityAsync<int>("Square", new Square(context.InstanceId, i))));
            return squares.Sum();
        })
        .AddWorkflow("Flaky", context => context.CallActivityAsync<string>(
            "FlakyStep", new Flaky(context.InstanceId, context.GetInput<int>()), WorkflowTaskOptions.FromRetryPolicy(QuickRetry)))
        .AddWorkflow("Permanent", context => context.CallActivityAsync(
            "PermanentStep",
            context.InstanceId,
            new WorkflowTaskOptions(new WorkflowRetryPolicy(5, TimeSpan.FromMilliseconds(10)) { HandleFailure = f => !f.IsCausedBy<ArgumentException>() })))
        .AddWorkflow("Sleeper", async context =>
        {
            var started = context.CurrentUtcDateTime;
            context.SetCustomStatus("sleeping");
            await context.CreateTimer(TimeSpan.FromMilliseconds(context.GetInput<int>()), CancellationToken.None);
            return (context.CurrentUtcDateTime - started).TotalMilliseconds;
        })
        .AddWorkflow("Approval", async context =>
        {
            context.SetCustomStatus("preparing");
            await context.CallActivityAsync("Prepare", context.InstanceId);
            context.SetCustomStatus("waiting");
            var approval = await context.WaitForExternalEvent<Approval>("Approved");
            return $"approved by {approval.By}";
        })
        .AddWorkflow("ApprovalWithTimeout", async context =>
        {
            var timeout = TimeSpan.FromMilliseconds(context.GetInput<int>());
            try
            {
                var approval = await context.WaitForExternalEvent<Approval>("Approved", timeout);
                return $"approved by {approval.By}";
            }
            catch (TaskCanceledException)
            {
                return $"no decision within {timeout}";
            }
        })
        .AddWorkflow("Changeable", async context =>
        {
            context.SetCustomStatus("waiting");
            var activity = TakeNewPath ? "Square" : "Hello";
            await context.CallActivityAsync<object>(activity, new Greeting(context.InstanceId, "Kyiv"));
            await context.WaitForExternalEvent<object>("go");
            return "done";
        })
        .AddWorkflow("Versioned", async context =>
        {
            // Version 2.0 added B before the wait and D after it; instances of 1.0 take neither, even on 2.0's code.
            var steps = new List<string>();
            async Task StepAsync(string name) => steps.Add($"{context.Version}: {(await context.CallActivityAsync<string>("Hello", new Greeting(context.InstanceId, name)))[6..]}");
            await StepAsync("A");
            if (VersionTwoDeployed && context.IsAtLeast("2.0"))
            {
                await StepAsync("B");
            }

            context.SetCustomStatus("waiting");
            await context.WaitForExternalEvent<object>("go");
            if (VersionTwoDeployed && context.IsAtLeast("2.0"))
            {
                await StepAsync("D");
            }

            await StepAsync("C");
            return steps;
        })
        .AddWorkflow("Chatty", async context =>
        {
            var log = context.CreateReplaySafeLogger("Chatty");
            var id = context.InstanceId;
            log.LogInformation("starting {InstanceId}", id);
            await context.CallActivityAsync<string>("Hello", new Greeting(id, "Oslo"));
            log.LogInformation("between steps {InstanceId}", id);
            await context.CallActivityAsync<string>("Hello", new Greeting(id, "Bergen"));
            log.LogInformation("finished {InstanceId}", id);
        })
        .AddWorkflow("Deterministic", async context =>
        {
            var guid = context.NewGuid();
            var time = context.CurrentUtcDateTime;
            var echoed = await context.CallActivityAsync<Guid>("Echo", guid);
            await context.CreateTimer(TimeSpan.FromMilliseconds(10), CancellationToken.None);
            var again = await context.CallActivityAsync<Guid>("Echo", guid);
            return echoed == guid && again == guid && context.NewGuid() != guid && time < context.CurrentUtcDateTime ? "same" : "different";
        });

    private sealed class SingleService(object service) : IServiceProvider
    {
        public object? GetService(Type serviceType) => serviceType.IsInstanceOfType(service) ? service : null;
    }

    private sealed record Greeting(string InstanceId, string City);

    private sealed record Square(string InstanceId, int Value);

    private sealed record Flaky(string InstanceId, int Failures);

    /// <summary>The <c>Approval</c> workflow's event.</summary>
    protected sealed record Approval(string By);
}
