using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using O365Functions.Core.Workflows;

namespace O365Functions.FunctionApp.Workflows;

/// <summary>Converts between the gateway's workflow types and Durable Task's, one member to one member.</summary>
internal static class DurableTranslation
{
    public static TaskOptions? ToTaskOptions(WorkflowTaskOptions? options) => options switch
    {
        null => null,
        _ => new TaskOptions(ToRetryOptions(options.Retry)),
    };

    public static TaskRetryOptions? ToRetryOptions(WorkflowRetryPolicy? policy)
    {
        if (policy is null)
        {
            return null;
        }

        var durable = new RetryPolicy(
            policy.MaxNumberOfAttempts,
            policy.FirstRetryInterval,
            policy.BackoffCoefficient,
            policy.MaxRetryInterval,
            policy.RetryTimeout)
        {
            HandleFailure = policy.HandleFailure is { } handles ? failure => handles(ToFailureDetails(failure)) : _ => true,
        };
        return durable;
    }

    /// <summary>Durable's failure record in the port's terms: Durable's task failure is the port's <see cref="WorkflowTaskFailedException"/>.</summary>
    public static WorkflowFailureDetails ToFailureDetails(TaskFailureDetails failure) => new(
        failure.ErrorType == typeof(TaskFailedException).FullName ? typeof(WorkflowTaskFailedException).FullName! : failure.ErrorType,
        failure.ErrorMessage,
        failure.StackTrace,
        failure.InnerFailure is null ? null : ToFailureDetails(failure.InnerFailure));

    /// <summary>
    /// The port's exception for a failed task, keeping Durable's exception as the inner one so that
    /// <see cref="DurableWorkflowRunner"/> can hand it back to Durable if the workflow lets it escape.
    /// </summary>
    public static WorkflowTaskFailedException ToWorkflowFailure(TaskFailedException failure) =>
        new(failure.TaskName, failure.TaskId, ToFailureDetails(failure.FailureDetails), failure);

    public static WorkflowRuntimeStatus ToStatus(OrchestrationRuntimeStatus status) => status switch
    {
        OrchestrationRuntimeStatus.Pending => WorkflowRuntimeStatus.Pending,
        OrchestrationRuntimeStatus.Running => WorkflowRuntimeStatus.Running,
        OrchestrationRuntimeStatus.Completed => WorkflowRuntimeStatus.Completed,
        OrchestrationRuntimeStatus.Failed => WorkflowRuntimeStatus.Failed,
        OrchestrationRuntimeStatus.Terminated => WorkflowRuntimeStatus.Terminated,
        OrchestrationRuntimeStatus.Suspended => WorkflowRuntimeStatus.Suspended,
        _ => WorkflowRuntimeStatus.Running,
    };

    public static OrchestrationRuntimeStatus ToDurableStatus(WorkflowRuntimeStatus status) => status switch
    {
        WorkflowRuntimeStatus.Pending => OrchestrationRuntimeStatus.Pending,
        WorkflowRuntimeStatus.Running => OrchestrationRuntimeStatus.Running,
        WorkflowRuntimeStatus.Completed => OrchestrationRuntimeStatus.Completed,
        WorkflowRuntimeStatus.Failed => OrchestrationRuntimeStatus.Failed,
        WorkflowRuntimeStatus.Terminated => OrchestrationRuntimeStatus.Terminated,
        _ => OrchestrationRuntimeStatus.Suspended,
    };

    /// <summary>
    /// The port's view of an instance. A failed instance has no output (Durable puts the error message there as
    /// plain text; the port keeps it in <see cref="WorkflowInstance.FailureDetails"/>).
    /// </summary>
    /// <summary>The tag that carries the version an instance was started with.</summary>
    public const string VersionTag = "workflowVersion";

    public static WorkflowInstance ToInstance(OrchestrationMetadata metadata) => new()
    {
        Version = metadata.Tags?.GetValueOrDefault(VersionTag),
        Name = metadata.Name,
        InstanceId = metadata.InstanceId,
        RuntimeStatus = ToStatus(metadata.RuntimeStatus),
        CreatedAt = metadata.CreatedAt,
        LastUpdatedAt = metadata.LastUpdatedAt,
        SerializedInput = metadata.SerializedInput,
        SerializedOutput = metadata.RuntimeStatus == OrchestrationRuntimeStatus.Failed ? null : metadata.SerializedOutput,
        SerializedCustomStatus = metadata.SerializedCustomStatus,
        FailureDetails = metadata.FailureDetails is null ? null : ToFailureDetails(metadata.FailureDetails),
    };
}
