using O365Functions.Core.State;

namespace O365Functions.Orchestration.CrashHost;

/// <summary>
/// The crash test's orders: seven steps each (three in sequence, three fanned out, a durable timer, a last step).
/// Every step records its side effect idempotently (one row per instance and step, added once) and also records
/// each execution, so the test can tell "ran more than once" from "took effect more than once".
/// </summary>
public static class CrashWorkload
{
    public const string WorkflowName = "CrashOrder";
    public const string EffectsTable = "CrashEffects";
    public const string ExecutionsTable = "CrashExecutions";
    public const string TaskHubName = "Crash";
    public const int StepsPerOrder = 7;

    public static EmbeddedRuntimeOptions Options() => new()
    {
        TaskHubName = TaskHubName,
        MaxConcurrentActivities = 4,
        MaxConcurrentWorkflows = 2,
        StoreRetryDelay = TimeSpan.FromMilliseconds(50),
    };

    /// <summary>The output an order with number <paramref name="order"/> must end with.</summary>
    public static int ExpectedTotal(int order) => Enumerable.Range(0, StepsPerOrder).Sum(step => (order * 10) + step);

    /// <summary>What the crash host prints when a step's execution has been recorded, so the test can kill it mid-work.</summary>
    public const string ExecutingLine = "executing";

    /// <summary>The workload over <paramref name="store"/>; with <paramref name="announce"/>, each recorded execution prints <see cref="ExecutingLine"/>.</summary>
    public static WorkflowRegistry CreateRegistry(IEntityStore store, bool announce = false) => new WorkflowRegistry()
        .AddActivity<StepInput, int>("RecordStep", (input, _) => RecordStepAsync(store, input, announce))
        .AddWorkflow(WorkflowName, async context =>
        {
            var order = context.GetInput<int>();
            var total = 0;
            for (var step = 0; step < 3; step++)
            {
                total += await context.CallActivityAsync<int>("RecordStep", new StepInput(context.InstanceId, order, step));
            }

            var fanned = await Task.WhenAll(Enumerable.Range(3, 3)
                .Select(step => context.CallActivityAsync<int>("RecordStep", new StepInput(context.InstanceId, order, step))));
            total += fanned.Sum();
            await context.CreateTimer(TimeSpan.FromMilliseconds(50), CancellationToken.None);
            total += await context.CallActivityAsync<int>("RecordStep", new StepInput(context.InstanceId, order, 6));
            return total;
        });

    private static async Task<int> RecordStepAsync(IEntityStore store, StepInput input, bool announce)
    {
        var executions = await store.GetTableAsync(ExecutionsTable);
        await executions.AddEntityAsync(new StoredEntity(input.InstanceId, $"step{input.Step}.{Guid.NewGuid():N}"));
        if (announce)
        {
            Console.WriteLine(ExecutingLine);
        }

        // Long enough that kills land inside activities, not only between them. Cancellation is ignored on
        // purpose: a real Partner Center call in flight does not stop when the process is told to.
        await Task.Delay(Random.Shared.Next(40, 120), CancellationToken.None);

        var effects = await store.GetTableAsync(EffectsTable);
        try
        {
            await effects.AddEntityAsync(new StoredEntity(input.InstanceId, $"step{input.Step}") { ["Value"] = (input.Order * 10) + input.Step });
        }
        catch (EntityStoreException exception) when (exception.Error == EntityStoreError.AlreadyExists)
        {
            // Done by an earlier execution of this step; the effect is already there.
        }

        return (input.Order * 10) + input.Step;
    }

    public sealed record StepInput(string InstanceId, int Order, int Step);
}
