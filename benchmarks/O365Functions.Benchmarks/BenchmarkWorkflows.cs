using O365Functions.Core.Workflows;

namespace O365Functions.Benchmarks;

/// <summary>The workflow workload the benchmarks share, registered through the port so that any engine can run it.</summary>
internal static class BenchmarkWorkflows
{
    /// <summary>Activities in one <c>TenSteps</c> orchestration.</summary>
    public const int ActivitiesPerOrchestration = 10;

    /// <summary>Registers <c>TenSteps</c> (ten sequential <c>Increment</c> activities; outputs 10) and its activity.</summary>
    public static IWorkflowRegistrar AddTenSteps(this IWorkflowRegistrar registrar) => registrar
        .AddActivity<int, int>("Increment", (value, _) => Task.FromResult(value + 1))
        .AddWorkflow("TenSteps", async context =>
        {
            var value = 0;
            for (var step = 0; step < ActivitiesPerOrchestration; step++)
            {
                value = await context.CallActivityAsync<int>("Increment", value);
            }

            return value;
        });
}
