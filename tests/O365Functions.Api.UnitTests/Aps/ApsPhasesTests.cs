using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using O365Functions.Api.Aps;
using O365Functions.Api.Aps.Phases;
using O365Functions.Core.State.Records;
using O365Functions.Core.Workflows;
using O365Functions.Orchestration;
using O365Functions.Storage.Sqlite;

namespace O365Functions.Api.UnitTests.Aps;

/// <summary>The phase machinery over test workflows on the embedded runtime: start, poll, overlap, completion, failure and a lost start.</summary>
public sealed class ApsPhasesTests : IAsyncLifetime
{
    private const string Waiting = "PhaseTestWaiting";
    private const string Failing = "PhaseTestFailing";
    private const string Quick = "PhaseTestQuick";

    private readonly DirectoryInfo _data = Directory.CreateTempSubdirectory("o365-phases-");
    private SqliteEntityStore _store = null!;
    private GatewayRecords _records = null!;
    private EmbeddedWorkflowRuntime _runtime = null!;
    private ApsPhases _phases = null!;

    public async Task InitializeAsync()
    {
        _store = new SqliteEntityStore(Path.Combine(_data.FullName, "gateway.db"));
        _records = new GatewayRecords(_store);
        var registry = new WorkflowRegistry()
            .AddWorkflow<int>(Waiting, async context =>
            {
                context.SetCustomStatus(new WorkflowProgress("Waiting for the customer to accept", 1, 3));
                return await context.WaitForExternalEvent<int>("go");
            })
            .AddWorkflow<int>(Quick, context => Task.FromResult(context.GetInput<int>()))
            .AddWorkflow<int>(Failing, async context => await context.CallActivityAsync<int>("Refuse", context.GetInput<int>()))
            .AddActivity<int, int>("Refuse", (_, _) => throw new InvalidOperationException("Partner Center answered 409 with code 27009: the parent subscription is not active. Wait until it is active."));
        _runtime = new EmbeddedWorkflowRuntime(_store, registry, new EmbeddedRuntimeOptions(), NullLoggerFactory.Instance);
        await _runtime.StartAsync();
        _phases = new ApsPhases(_records, Options.Create(new ApsOptions { RetryTimeout = TimeSpan.FromSeconds(40), RetryJitter = 0.25 }), NullLogger<ApsPhases>.Instance);
    }

    public async Task DisposeAsync()
    {
        await _runtime.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _data.Delete(recursive: true);
    }

    [Fact]
    public async Task A_request_starts_once_is_answered_from_its_running_workflow_and_then_from_its_outcome()
    {
        var operation = Operation("r1", Waiting, "five seats");

        var started = await AnswerAsync(operation);
        await WaitUntilAsync(async () => (await _runtime.Client.GetInstanceAsync(operation.WorkflowInstanceId))?.SerializedCustomStatus is not null);
        var polled = await AnswerAsync(operation);
        var overlapping = await AnswerAsync(Operation("r1", Waiting, "six seats"));
        await _runtime.Client.RaiseEventAsync(operation.WorkflowInstanceId, "go", 5);
        await _runtime.Client.WaitForInstanceCompletionAsync(operation.WorkflowInstanceId);
        var done = await AnswerAsync(operation);
        var instances = await _runtime.Client.GetAllInstancesAsync(new WorkflowQuery(InstanceIdPrefix: "i1_r1_")).CountAsync();

        Assert.Equal(StatusCodes.Status202Accepted, started.Status);
        Assert.InRange(int.Parse(started.Headers[ApsHeaders.RetryTimeout]!, System.Globalization.CultureInfo.InvariantCulture), 30, 50);
        Assert.Equal(StatusCodes.Status202Accepted, polled.Status);
        Assert.Equal("The provision operation is at step 2 of 3: Waiting for the customer to accept.", polled.Headers[ApsHeaders.Info]);
        Assert.Equal(StatusCodes.Status202Accepted, overlapping.Status);
        Assert.Equal(StatusCodes.Status200OK, done.Status);
        Assert.Equal("5", done.Body);
        Assert.Equal(1, instances);
    }

    [Fact]
    public async Task A_new_change_after_the_last_one_finished_starts_its_own_workflow()
    {
        var first = Operation("r2", Waiting, "five seats");
        await AnswerAsync(first);
        await _runtime.Client.RaiseEventAsync(first.WorkflowInstanceId, "go", 5);
        await _runtime.Client.WaitForInstanceCompletionAsync(first.WorkflowInstanceId);

        var second = Operation("r2", Waiting, "six seats");
        var started = await AnswerAsync(second);

        Assert.NotEqual(first.WorkflowInstanceId, second.WorkflowInstanceId);
        Assert.Equal(StatusCodes.Status202Accepted, started.Status);
        Assert.NotNull(await _runtime.Client.GetInstanceAsync(second.WorkflowInstanceId + "_2"));
    }

    [Fact]
    public async Task A_change_made_again_after_another_gets_a_workflow_of_its_own()
    {
        var disable = Operation("r5", Quick, "disable");
        var enable = Operation("r5", Quick, "enable");
        await AnswerAsync(disable);
        await _runtime.Client.WaitForInstanceCompletionAsync(disable.WorkflowInstanceId);
        await AnswerAsync(enable);
        await _runtime.Client.WaitForInstanceCompletionAsync(enable.WorkflowInstanceId + "_2");

        var again = await AnswerAsync(disable);
        await _runtime.Client.WaitForInstanceCompletionAsync(disable.WorkflowInstanceId + "_3");
        var repeated = await AnswerAsync(disable);

        Assert.Equal(StatusCodes.Status202Accepted, again.Status);
        Assert.Equal(StatusCodes.Status200OK, repeated.Status);
        Assert.Equal(3, await _runtime.Client.GetAllInstancesAsync().CountAsync(i => i.InstanceId.StartsWith("i1_r5_", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task A_failed_operation_sent_again_in_the_sync_phase_is_tried_anew_while_a_poll_only_reports_it()
    {
        var operation = await FailedAsync("r6");

        var polled = await AnswerAsync(operation with { IsPoll = true });
        var retried = await AnswerAsync(operation);

        Assert.Equal(StatusCodes.Status500InternalServerError, polled.Status);
        Assert.Equal(StatusCodes.Status202Accepted, retried.Status);
        Assert.NotNull(await _runtime.Client.GetInstanceAsync(operation.WorkflowInstanceId + "_2"));
    }

    [Fact]
    public async Task A_failed_workflow_is_answered_500_with_the_step_and_what_Microsoft_said()
    {
        var operation = await FailedAsync("r3");

        var failed = await AnswerAsync(operation with { IsPoll = true });

        Assert.Equal(StatusCodes.Status500InternalServerError, failed.Status);
        Assert.Contains("\"error\":\"OperationFailed\"", failed.Body, StringComparison.Ordinal);
        Assert.Contains("failed at step Refuse", failed.Body, StringComparison.Ordinal);
        Assert.Contains("27009", failed.Body, StringComparison.Ordinal);
        Assert.Contains("send the request again", failed.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_console_s_retry_starts_a_failed_operation_s_next_generation_with_its_input_and_records_it()
    {
        var operation = await FailedAsync("r7");

        var retry = await _phases.RetryAsync("i1", "r7", _runtime.Client, CancellationToken.None);

        var next = operation.WorkflowInstanceId + "_2";
        Assert.Equal(new ApsRetry(ApsRetryOutcome.Started, $"The provision operation of r7 started again as {next}.", next), retry);
        Assert.Equal(5, (await _runtime.Client.GetInstanceAsync(next, getInputsAndOutputs: true))!.ReadInputAs<int>());
        var pointer = (await (await _records.GetAsync()).GetAsync<ResourceOperationRecord>(RecordKey.ResourceOperation("i1", "r7")))!.Record;
        Assert.Equal((next, 2), (pointer.WorkflowInstanceId, pointer.Generation));
    }

    [Fact]
    public async Task The_console_s_retry_refuses_a_resource_without_an_operation_and_an_operation_that_did_not_fail()
    {
        var running = Operation("r8", Waiting, "five seats");
        await AnswerAsync(running);
        await WaitUntilAsync(async () => (await _runtime.Client.GetInstanceAsync(running.WorkflowInstanceId))?.RuntimeStatus == WorkflowRuntimeStatus.Running);
        var store = await _records.GetAsync();
        await store.PutAsync(
            RecordKey.ResourceOperation("i1", "r9"),
            new ResourceOperationRecord("i1", "r9", "configure", "i1_r9_configure_never", DateTimeOffset.UtcNow),
            ifMatch: null);

        var none = await _phases.RetryAsync("i1", "nothing", _runtime.Client, CancellationToken.None);
        var notFailed = await _phases.RetryAsync("i1", "r8", _runtime.Client, CancellationToken.None);
        var neverStarted = await _phases.RetryAsync("i1", "r9", _runtime.Client, CancellationToken.None);

        Assert.Equal(new ApsRetry(ApsRetryOutcome.NotFound, "Resource nothing of instance i1 has no operation."), none);
        Assert.Equal(ApsRetryOutcome.NotFailed, notFailed.Outcome);
        Assert.StartsWith("The provision operation of r8 is ", notFailed.Message, StringComparison.Ordinal);
        Assert.EndsWith("; only a failed or stopped operation is retried.", notFailed.Message, StringComparison.Ordinal);
        Assert.Equal(
            new ApsRetry(ApsRetryOutcome.NotFailed, "The configure operation of r9 is waiting to start; only a failed or stopped operation is retried."),
            neverStarted);
    }

    [Fact]
    public async Task A_start_lost_after_its_pointer_was_written_happens_on_the_next_request()
    {
        var operation = Operation("r4", Waiting, "five seats");
        var store = await _records.GetAsync();
        await store.PutAsync(
            RecordKey.ResourceOperation("i1", "r4"),
            new ResourceOperationRecord("i1", "r4", "provision", operation.WorkflowInstanceId, DateTimeOffset.UtcNow),
            ifMatch: null);

        var answered = await AnswerAsync(operation);

        Assert.Equal(StatusCodes.Status202Accepted, answered.Status);
        Assert.NotNull(await _runtime.Client.GetInstanceAsync(operation.WorkflowInstanceId));
    }

    private static ApsOperationRequest Operation(string resource, string workflow, string change) =>
        new("i1", resource, "provision", workflow, 5, Encoding.UTF8.GetBytes(change));

    /// <summary>An operation on <paramref name="resource"/> whose workflow was started through the phases and has failed.</summary>
    private async Task<ApsOperationRequest> FailedAsync(string resource)
    {
        var operation = Operation(resource, Failing, "an add-on");
        await AnswerAsync(operation);
        await _runtime.Client.WaitForInstanceCompletionAsync(operation.WorkflowInstanceId);
        return operation;
    }

    private async Task<(int Status, IHeaderDictionary Headers, string Body)> AnswerAsync(ApsOperationRequest operation)
    {
        var result = await _phases.StartOrPollAsync(
            operation, _runtime.Client, workflow => Task.FromResult(Results.Text(workflow.SerializedOutput ?? string.Empty)), beforeStart: null, CancellationToken.None);
        var context = new DefaultHttpContext { RequestServices = new ServiceCollection().AddLogging().BuildServiceProvider() };
        context.Response.Body = new MemoryStream();
        await result.ExecuteAsync(context);
        context.Response.Body.Position = 0;
        return (context.Response.StatusCode, context.Response.Headers, await new StreamReader(context.Response.Body).ReadToEndAsync());
    }

    private static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (!await condition())
        {
            await Task.Delay(20, timeout.Token);
        }
    }
}
