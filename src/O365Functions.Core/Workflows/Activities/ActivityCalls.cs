namespace O365Functions.Core.Workflows.Activities;

/// <summary>Calls an activity through its typed handle, so the compiler checks its input and output.</summary>
public static class ActivityCalls
{
    /// <summary>Runs <paramref name="activity"/> and returns its result; throws <see cref="WorkflowTaskFailedException"/> when it fails for good.</summary>
    public static Task<TOutput> CallAsync<TInput, TOutput>(this IWorkflowContext context, ActivityRef<TInput, TOutput> activity, TInput input, WorkflowTaskOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(activity);
        return context.CallActivityAsync<TOutput>(activity.Name, input, options);
    }
}
