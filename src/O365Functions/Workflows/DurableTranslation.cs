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
        SubWorkflowOptions sub => new SubOrchestrationOptions(ToRetryOptions(sub.Retry), sub.InstanceId),
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

    public static WorkflowFailureDetails ToFailureDetails(TaskFailureDetails failure) => new(
        failure.ErrorType,
        failure.ErrorMessage,
        failure.StackTrace,
        failure.InnerFailure is null ? null : ToFailureDetails(failure.InnerFailure));

    public static WorkflowTaskFailedException ToWorkflowFailure(TaskFailedException failure) =>
        new(failure.TaskName, failure.TaskId, ToFailureDetails(failure.FailureDetails));

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

    public static WorkflowInstance ToInstance(OrchestrationMetadata metadata) => new()
    {
        Name = metadata.Name,
        InstanceId = metadata.InstanceId,
        RuntimeStatus = ToStatus(metadata.RuntimeStatus),
        CreatedAt = metadata.CreatedAt,
        LastUpdatedAt = metadata.LastUpdatedAt,
        SerializedInput = metadata.SerializedInput,
        SerializedOutput = metadata.SerializedOutput,
        SerializedCustomStatus = metadata.SerializedCustomStatus,
        FailureDetails = metadata.FailureDetails is null ? null : ToFailureDetails(metadata.FailureDetails),
    };
}
