using System.Text.Json;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using O365Functions.Core.Workflows;

namespace O365Functions.FunctionApp.Workflows;

/// <summary>
/// <see cref="IWorkflowContext"/> over Durable Task's <see cref="TaskOrchestrationContext"/>: the same workflow code
/// that the embedded runtime runs locally runs here on Durable Functions. Failed tasks surface as
/// <see cref="WorkflowTaskFailedException"/>, as they do locally.
/// </summary>
public sealed class DurableWorkflowContext(TaskOrchestrationContext context) : IWorkflowContext
{
    /// <inheritdoc />
    public string Name => context.Name.Name;

    /// <inheritdoc />
    public string InstanceId => context.InstanceId;

    /// <inheritdoc />
    public string Version => context.Version ?? string.Empty;

    /// <inheritdoc />
    public DateTime CurrentUtcDateTime => context.CurrentUtcDateTime;

    /// <inheritdoc />
    public bool IsReplaying => context.IsReplaying;

    /// <inheritdoc />
    /// <remarks>
    /// The Functions worker hands the input over already converted; plain Durable Task (its test host, for one)
    /// gives the deserialized <see cref="JsonElement"/>, which is converted here the way the embedded runtime does.
    /// </remarks>
    public T? GetInput<T>() => context.GetInput<object>() switch
    {
        null => default,
        T typed => typed,
        JsonElement json => json.Deserialize<T>(WorkflowJson.Options),
        var other => WorkflowJson.Deserialize<T>(WorkflowJson.Serialize(other)),
    };

    /// <inheritdoc />
    public Task<TResult> CallActivityAsync<TResult>(string name, object? input = null, WorkflowTaskOptions? options = null) =>
        Translated(context.CallActivityAsync<TResult>(name, input, DurableTranslation.ToTaskOptions(options)));

    /// <inheritdoc />
    public Task CallActivityAsync(string name, object? input = null, WorkflowTaskOptions? options = null) =>
        Translated(context.CallActivityAsync(name, input, DurableTranslation.ToTaskOptions(options)));

    /// <inheritdoc />
    public Task CreateTimer(DateTime fireAt, CancellationToken cancellationToken) => context.CreateTimer(fireAt, cancellationToken);

    /// <inheritdoc />
    public Task CreateTimer(TimeSpan delay, CancellationToken cancellationToken) => context.CreateTimer(delay, cancellationToken);

    /// <inheritdoc />
    public Task<T> WaitForExternalEvent<T>(string eventName, CancellationToken cancellationToken = default) =>
        context.WaitForExternalEvent<T>(eventName, cancellationToken);

    /// <inheritdoc />
    public Task<T> WaitForExternalEvent<T>(string eventName, TimeSpan timeout) => context.WaitForExternalEvent<T>(eventName, timeout);

    /// <inheritdoc />
    public void SetCustomStatus(object? customStatus) => context.SetCustomStatus(customStatus);

    /// <inheritdoc />
    public Guid NewGuid() => context.NewGuid();

    /// <inheritdoc />
    public ILogger CreateReplaySafeLogger(string categoryName) => context.CreateReplaySafeLogger(categoryName);

    /// <summary>A task's failure as the port's <see cref="WorkflowTaskFailedException"/>, on the orchestrator's own context.</summary>
    private static async Task<TResult> Translated<TResult>(Task<TResult> task)
    {
        try
        {
            return await task;
        }
        catch (TaskFailedException failure)
        {
            throw DurableTranslation.ToWorkflowFailure(failure);
        }
    }

    /// <inheritdoc cref="Translated{TResult}(Task{TResult})"/>
    private static async Task Translated(Task task)
    {
        try
        {
            await task;
        }
        catch (TaskFailedException failure)
        {
            throw DurableTranslation.ToWorkflowFailure(failure);
        }
    }
}
