using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Time.Testing;
using O365Functions.Core.Telemetry;
using O365Functions.Core.Workflows;
using O365Functions.Orchestration.Storage;
using O365Functions.Storage.Sqlite;

namespace O365Functions.Orchestration.Tests;

/// <summary>
/// How the embedded runtime conducts itself beyond the workflow contract: its start, its concurrency bound, what it
/// refuses to store, and what it reports (the spans and counters an operator reads). Each test uses workflow names of
/// its own, so listeners hear only its instances.
/// </summary>
public sealed class EmbeddedRuntimeConductTests : IAsyncLifetime
{
    private readonly DirectoryInfo _data = Directory.CreateTempSubdirectory("o365-conduct-");
    private readonly string _unique = Guid.NewGuid().ToString("N")[..8];
    private SqliteEntityStore _store = null!;

    public Task InitializeAsync()
    {
        _store = new SqliteEntityStore(Path.Combine(_data.FullName, "workflows.db"));
        return Task.CompletedTask;
    }

    public Task DisposeAsync()
    {
        _store.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _data.Delete(recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public void Options_that_cannot_work_are_refused_when_the_runtime_is_made()
    {
        var refused = Assert.Throws<ArgumentOutOfRangeException>(() =>
            new EmbeddedWorkflowRuntime(_store, new WorkflowRegistry(), new EmbeddedRuntimeOptions { MaxConcurrentActivities = 0 }));

        Assert.Equal(nameof(EmbeddedRuntimeOptions.MaxConcurrentActivities), refused.ParamName);
    }

    [Fact]
    public void A_purge_interval_longer_than_a_timer_can_wait_is_refused_when_the_runtime_is_made()
    {
        var refused = Assert.Throws<ArgumentOutOfRangeException>(() =>
            new EmbeddedWorkflowRuntime(_store, new WorkflowRegistry(), new EmbeddedRuntimeOptions { PurgeInterval = TimeSpan.FromDays(50) }));

        Assert.Equal(nameof(EmbeddedRuntimeOptions.PurgeInterval), refused.ParamName);
    }

    [Fact]
    public async Task A_runtime_starts_once()
    {
        await using var runtime = new EmbeddedWorkflowRuntime(_store, new WorkflowRegistry());
        await runtime.StartAsync();

        var again = await Assert.ThrowsAsync<InvalidOperationException>(() => runtime.StartAsync());

        Assert.Equal("The runtime was already started. Create a new runtime to start again.", again.Message);
    }

    [Fact]
    public async Task No_more_activities_run_at_once_than_MaxConcurrentActivities()
    {
        var running = 0;
        var most = 0;
        var registry = new WorkflowRegistry()
            .AddWorkflow<int[]>(Name("FanOut"), context => Task.WhenAll(Enumerable.Range(0, 8).Select(i => context.CallActivityAsync<int>(Name("Hold"), i))))
            .AddActivity<int, int>(Name("Hold"), async (input, cancellationToken) =>
            {
                var now = Interlocked.Increment(ref running);
                InterlockedMax(ref most, now);
                await Task.Delay(100, cancellationToken);
                Interlocked.Decrement(ref running);
                return input;
            });
        await using var runtime = new EmbeddedWorkflowRuntime(_store, registry, new EmbeddedRuntimeOptions { MaxConcurrentActivities = 2 });
        await runtime.StartAsync();

        var done = await CompleteAsync(runtime, Name("FanOut"));

        Assert.Equal(WorkflowRuntimeStatus.Completed, done.RuntimeStatus);
        Assert.Equal(2, Volatile.Read(ref most));
    }

    [Fact]
    public async Task A_timer_fires_when_the_runtime_s_clock_reaches_it_and_not_before()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 7, 23, 0, 0, TimeSpan.Zero));
        var registry = new WorkflowRegistry().AddWorkflow<DateTime>(Name("Sleeper"), async context =>
        {
            await context.CreateTimer(TimeSpan.FromHours(2), CancellationToken.None);
            return context.CurrentUtcDateTime;
        });
        await using var runtime = new EmbeddedWorkflowRuntime(_store, registry, timeProvider: clock);
        await runtime.StartAsync();
        var id = await runtime.Client.StartWorkflowAsync(Name("Sleeper"));

        await AdvanceUntilAsync(clock, TimeSpan.FromMinutes(5), async () => (await runtime.Client.GetInstanceAsync(id))?.RuntimeStatus == WorkflowRuntimeStatus.Completed);
        var instance = await runtime.Client.GetInstanceAsync(id, getInputsAndOutputs: true);

        Assert.Equal(WorkflowRuntimeStatus.Completed, instance?.RuntimeStatus);
        Assert.InRange(instance!.ReadOutputAs<DateTime>(), new DateTime(2026, 12, 8, 1, 0, 0, DateTimeKind.Utc), new DateTime(2026, 12, 8, 2, 0, 0, DateTimeKind.Utc));
    }

    [Fact]
    public async Task The_runtime_purges_finished_instances_once_past_their_retention_and_keeps_running_ones()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 7, 23, 0, 0, TimeSpan.Zero));
        var registry = new WorkflowRegistry()
            .AddWorkflow<int>(Name("Quick"), _ => Task.FromResult(1))
            .AddWorkflow<int>(Name("Waits"), context => context.WaitForExternalEvent<int>("never"));
        var options = new EmbeddedRuntimeOptions { CompletedHistoryRetention = TimeSpan.FromDays(1), PurgeInterval = TimeSpan.FromHours(1) };
        await using var runtime = new EmbeddedWorkflowRuntime(_store, registry, options, timeProvider: clock);
        await runtime.StartAsync();
        var finished = (await CompleteAsync(runtime, Name("Quick"))).InstanceId;
        var waiting = await runtime.Client.StartWorkflowAsync(Name("Waits"));
        var kept = await runtime.Client.GetInstanceAsync(finished);

        await AdvanceUntilAsync(clock, TimeSpan.FromHours(1), async () => await runtime.Client.GetInstanceAsync(finished) is null);

        Assert.NotNull(kept);
        Assert.Null(await runtime.Client.GetInstanceAsync(finished));
        Assert.InRange(clock.GetUtcNow() - kept.LastUpdatedAt, TimeSpan.FromDays(1), TimeSpan.FromDays(30));
        Assert.Equal(WorkflowRuntimeStatus.Running, (await runtime.Client.GetInstanceAsync(waiting))?.RuntimeStatus);
    }

    [Fact]
    public async Task No_more_workflows_step_at_once_than_MaxConcurrentWorkflows()
    {
        var running = 0;
        var most = 0;
        var registry = new WorkflowRegistry().AddWorkflow<int>(Name("Busy"), _ =>
        {
            InterlockedMax(ref most, Interlocked.Increment(ref running));
            Thread.Sleep(50);
            Interlocked.Decrement(ref running);
            return Task.FromResult(1);
        });
        await using var runtime = new EmbeddedWorkflowRuntime(_store, registry, new EmbeddedRuntimeOptions { MaxConcurrentWorkflows = 1 });
        await runtime.StartAsync();

        var done = await Task.WhenAll(Enumerable.Range(0, 4).Select(_ => CompleteAsync(runtime, Name("Busy"))));

        Assert.All(done, d => Assert.Equal(WorkflowRuntimeStatus.Completed, d.RuntimeStatus));
        Assert.Equal(1, Volatile.Read(ref most));
    }

    [Fact]
    public async Task Disposing_the_runtime_cancels_the_activities_in_flight_and_a_second_dispose_is_harmless()
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var cancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var registry = new WorkflowRegistry()
            .AddWorkflow<int>(Name("Holds"), context => context.CallActivityAsync<int>(Name("Forever"), 0))
            .AddActivity<int, int>(Name("Forever"), async (_, cancellationToken) =>
            {
                started.TrySetResult();
                try
                {
                    await Task.Delay(Timeout.Infinite, cancellationToken);
                }
                catch (OperationCanceledException)
                {
                    cancelled.TrySetResult();
                    throw;
                }

                return 0;
            });
        var runtime = new EmbeddedWorkflowRuntime(_store, registry);
        await runtime.StartAsync();
        await runtime.Client.StartWorkflowAsync(Name("Holds"));
        await started.Task.WaitAsync(TimeSpan.FromSeconds(30));

        await runtime.DisposeAsync();
        await cancelled.Task.WaitAsync(TimeSpan.FromSeconds(10));
        await runtime.DisposeAsync();
    }

    [Fact]
    public async Task A_workflow_or_activity_a_later_runtime_does_not_have_fails_its_instance_saying_what_to_register()
    {
        string gone, calls;
        var before = new WorkflowRegistry()
            .AddWorkflow<int>(Name("Gone"), _ => Task.FromResult(1))
            .AddWorkflow<int>(Name("Calls"), context => context.CallActivityAsync<int>(Name("Vanished"), 1))
            .AddActivity<int, int>(Name("Vanished"), (input, _) => Task.FromResult(input));
        await using (var stopped = new EmbeddedWorkflowRuntime(_store, before))
        {
            gone = await stopped.Client.StartWorkflowAsync(Name("Gone"));
            calls = await stopped.Client.StartWorkflowAsync(Name("Calls"));
        }

        var after = new WorkflowRegistry().AddWorkflow<int>(Name("Calls"), context => context.CallActivityAsync<int>(Name("Vanished"), 1));
        await using var runtime = new EmbeddedWorkflowRuntime(_store, after);
        await runtime.StartAsync();
        var goneDone = await CompletionAsync(runtime, gone);
        var callsDone = await CompletionAsync(runtime, calls);

        Assert.Equal(WorkflowRuntimeStatus.Failed, goneDone.RuntimeStatus);
        Assert.Equal(
            $"No workflow named '{Name("Gone")}' is registered with this runtime. Register it, then restart the runtime to resume '{gone}'.",
            goneDone.FailureDetails!.ErrorMessage);
        Assert.Equal(WorkflowRuntimeStatus.Failed, callsDone.RuntimeStatus);
        Assert.Contains($"No activity named '{Name("Vanished")}' is registered with this runtime.", callsDone.FailureDetails!.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_purge_removes_and_counts_only_the_finished_instances_past_their_retention()
    {
        var clock = new FakeTimeProvider(new DateTimeOffset(2026, 12, 7, 23, 0, 0, TimeSpan.Zero));
        var registry = new WorkflowRegistry().AddWorkflow<int>(Name("Quick"), _ => Task.FromResult(1));
        var options = new EmbeddedRuntimeOptions { CompletedHistoryRetention = TimeSpan.FromDays(1), PurgeInterval = TimeSpan.FromDays(30) };
        await using var runtime = new EmbeddedWorkflowRuntime(_store, registry, options, timeProvider: clock);
        await runtime.StartAsync();
        var old = (await CompleteAsync(runtime, Name("Quick"))).InstanceId;
        clock.Advance(TimeSpan.FromDays(2));
        var recent = (await CompleteAsync(runtime, Name("Quick"))).InstanceId;

        var first = await runtime.PurgeExpiredInstancesAsync();
        var second = await runtime.PurgeExpiredInstancesAsync();

        Assert.Equal((1, 0), (first, second));
        Assert.Null(await runtime.Client.GetInstanceAsync(old));
        Assert.NotNull(await runtime.Client.GetInstanceAsync(recent));
    }

    [Theory]
    [InlineData("output")]
    [InlineData("custom status")]
    public async Task A_workflow_whose_output_or_custom_status_is_too_large_to_store_fails_naming_which(string what)
    {
        var large = new string('x', InstanceStore.MaxCharactersPerProperty);
        var registry = new WorkflowRegistry().AddWorkflow<string>(Name("Large"), context =>
        {
            context.SetCustomStatus(what == "custom status" ? large : "small");
            return Task.FromResult(what == "output" ? large : "small");
        });
        await using var runtime = new EmbeddedWorkflowRuntime(_store, registry);
        await runtime.StartAsync();

        var failed = await CompleteAsync(runtime, Name("Large"));

        Assert.Equal(WorkflowRuntimeStatus.Failed, failed.RuntimeStatus);
        Assert.StartsWith($"Workflow '{Name("Large")}' (", failed.FailureDetails!.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains($"produced a {what} of {large.Length + 2} characters", failed.FailureDetails.ErrorMessage, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_workflow_just_under_the_limit_is_stored()
    {
        var registry = new WorkflowRegistry().AddWorkflow<string>(Name("Fits"), _ => Task.FromResult(new string('x', InstanceStore.MaxCharactersPerProperty - 2)));
        await using var runtime = new EmbeddedWorkflowRuntime(_store, registry);
        await runtime.StartAsync();

        var done = await CompleteAsync(runtime, Name("Fits"));

        Assert.Equal(WorkflowRuntimeStatus.Completed, done.RuntimeStatus);
    }

    [Fact]
    public async Task Each_workflow_and_step_is_a_span_named_and_tagged_by_its_instance_and_a_failure_is_an_error_span()
    {
        var spans = new List<Activity>();
        using var listener = new ActivityListener
        {
            ShouldListenTo = source => source.Name == GatewayTelemetry.Source.Name,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = span =>
            {
                if (span.GetTagItem(GatewayTelemetry.Tags.WorkflowName) is string name && name.EndsWith(_unique, StringComparison.Ordinal))
                {
                    lock (spans)
                    {
                        spans.Add(span);
                    }
                }
            },
        };
        ActivitySource.AddActivityListener(listener);
        var registry = new WorkflowRegistry()
            .AddWorkflow<int>(Name("Works"), context => context.CallActivityAsync<int>(Name("Double"), 21))
            .AddWorkflow<int>(Name("Breaks"), context => context.CallActivityAsync<int>(Name("Refuse"), 1))
            .AddActivity<int, int>(Name("Double"), (input, _) => Task.FromResult(input * 2))
            .AddActivity<int, int>(Name("Refuse"), (_, _) => throw new InvalidOperationException("refused on purpose"));
        await using var runtime = new EmbeddedWorkflowRuntime(_store, registry);
        await runtime.StartAsync();

        var works = await CompleteAsync(runtime, Name("Works"));
        var breaks = await CompleteAsync(runtime, Name("Breaks"));
        var seen = await HeardAsync(spans, 4);

        Assert.Contains(seen, s => s.DisplayName == $"step {Name("Double")}" && Tagged(s, works.InstanceId, Name("Double")) && s.Status == ActivityStatusCode.Unset);
        Assert.Contains(seen, s => s.DisplayName == $"step {Name("Refuse")}" && Tagged(s, breaks.InstanceId, Name("Refuse")) && s.Status == ActivityStatusCode.Error
            && s.StatusDescription == "refused on purpose");
        Assert.Contains(seen, s => s.DisplayName == $"workflow {Name("Works")}" && Tagged(s, works.InstanceId, Name("Works")) && s.Status == ActivityStatusCode.Unset);
        Assert.Contains(seen, s => s.DisplayName == $"workflow {Name("Breaks")}" && Tagged(s, breaks.InstanceId, Name("Breaks")) && s.Status == ActivityStatusCode.Error
            && s.StatusDescription == breaks.FailureDetails!.ErrorMessage);
    }

    [Fact]
    public async Task Workflows_are_counted_when_started_and_as_completed_or_failed_by_name()
    {
        var counted = new List<(string Counter, string Name)>();
        using var listener = new MeterListener();
        listener.InstrumentPublished = (instrument, l) =>
        {
            if (instrument.Meter.Name == GatewayTelemetry.Meter.Name && instrument.Name.StartsWith("o365.workflows.", StringComparison.Ordinal))
            {
                l.EnableMeasurementEvents(instrument);
            }
        };
        listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) =>
        {
            foreach (var tag in tags)
            {
                if (tag.Key == GatewayTelemetry.Tags.WorkflowName && tag.Value is string name && name.EndsWith(_unique, StringComparison.Ordinal))
                {
                    lock (counted)
                    {
                        counted.AddRange(Enumerable.Repeat((instrument.Name, name), (int)value));
                    }
                }
            }
        });
        listener.Start();
        var registry = new WorkflowRegistry()
            .AddWorkflow<int>(Name("Works"), _ => Task.FromResult(1))
            .AddWorkflow<int>(Name("Breaks"), _ => throw new InvalidOperationException("no"));
        await using var runtime = new EmbeddedWorkflowRuntime(_store, registry);
        await runtime.StartAsync();

        await CompleteAsync(runtime, Name("Works"));
        await CompleteAsync(runtime, Name("Breaks"));

        var seen = (await HeardAsync(counted, 4)).Order().ToList();

        Assert.Equal(
            [
                ("o365.workflows.completed", Name("Works")),
                ("o365.workflows.failed", Name("Breaks")),
                ("o365.workflows.started", Name("Breaks")),
                ("o365.workflows.started", Name("Works")),
            ],
            seen);
    }

    private string Name(string name) => $"{name}-{_unique}";

    private static async Task<WorkflowInstance> CompleteAsync(EmbeddedWorkflowRuntime runtime, string workflow) =>
        await CompletionAsync(runtime, await runtime.Client.StartWorkflowAsync(workflow));

    private static async Task<WorkflowInstance> CompletionAsync(EmbeddedWorkflowRuntime runtime, string instanceId)
    {
        using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        return await runtime.Client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: true, deadline.Token);
    }

    /// <summary>
    /// Moves <paramref name="clock"/> on by <paramref name="step"/> at a time until <paramref name="done"/> holds, or 20 s
    /// of real time pass: in steps, because a timer taken after one big move would wait from the moved time.
    /// </summary>
    private static async Task AdvanceUntilAsync(FakeTimeProvider clock, TimeSpan step, Func<Task<bool>> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(20);
        while (!await done() && DateTime.UtcNow < deadline)
        {
            clock.Advance(step);
            await Task.Delay(10);
        }
    }

    /// <summary>What a listener heard once <paramref name="count"/> items came: a workflow's span and count are written just after its end is stored.</summary>
    private static async Task<List<T>> HeardAsync<T>(List<T> heard, int count)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            lock (heard)
            {
                if (heard.Count >= count || DateTime.UtcNow > deadline)
                {
                    return [.. heard];
                }
            }

            await Task.Delay(20);
        }
    }

    private static bool Tagged(Activity span, string instanceId, string name) =>
        Equals(span.GetTagItem(GatewayTelemetry.Tags.WorkflowInstanceId), instanceId) && Equals(span.GetTagItem(GatewayTelemetry.Tags.WorkflowName), name);

    private static void InterlockedMax(ref int target, int value)
    {
        for (var seen = Volatile.Read(ref target); value > seen; seen = Volatile.Read(ref target))
        {
            if (Interlocked.CompareExchange(ref target, value, seen) == seen)
            {
                return;
            }
        }
    }
}
