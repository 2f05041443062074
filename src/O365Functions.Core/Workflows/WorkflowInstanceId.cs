using O365Functions.Core.State;

namespace O365Functions.Core.Workflows;

/// <summary>
/// The rule for instance ids every engine applies: an id must be usable as a Table Storage key, since the embedded
/// runtime and Durable Functions' Azure Storage backend both store instances under it.
/// </summary>
public static class WorkflowInstanceId
{
    /// <summary>Throws <see cref="ArgumentException"/> naming the id and what is wrong with it.</summary>
    public static void Validate(string instanceId)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        try
        {
            EntityKeys.Validate(instanceId, "instance");
        }
        catch (EntityStoreException exception) when (exception.Error == EntityStoreError.InvalidInput)
        {
            throw new ArgumentException($"'{instanceId}' cannot be a workflow instance id: {exception.Message}", nameof(instanceId), exception);
        }
    }
}
