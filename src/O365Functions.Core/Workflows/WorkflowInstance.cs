namespace O365Functions.Core.Workflows;

/// <summary>
/// A workflow instance as a client sees it. Mirrors Durable Task's <c>OrchestrationMetadata</c>: values are kept
/// serialized and read on demand, so a status poll does not need the workflow's types.
/// </summary>
public sealed record WorkflowInstance
{
    /// <summary>The workflow's registered name.</summary>
    public required string Name { get; init; }

    /// <summary>The instance id.</summary>
    public required string InstanceId { get; init; }

    /// <summary>Where the instance is in its life.</summary>
    public required WorkflowRuntimeStatus RuntimeStatus { get; init; }

    /// <summary>When the instance was scheduled.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>When the instance last changed.</summary>
    public required DateTimeOffset LastUpdatedAt { get; init; }

    /// <summary>The input as JSON, when asked for.</summary>
    public string? SerializedInput { get; init; }

    /// <summary>The output as JSON, when asked for and finished.</summary>
    public string? SerializedOutput { get; init; }

    /// <summary>The last custom status as JSON.</summary>
    public string? SerializedCustomStatus { get; init; }

    /// <summary>The version the instance was created with; empty when the engine does not say or it predates versioning.</summary>
    public string? Version { get; init; }

    /// <summary>
    /// The W3C <c>traceparent</c> of the span that created the instance, where the engine keeps it (the embedded
    /// runtime does; Durable's client does not say), so an operator can find the trace of any past operation.
    /// </summary>
    public string? TraceParent { get; init; }

    /// <summary>The trace id in <see cref="TraceParent"/>, read only when asked for: status polls never need it.</summary>
    public string? TraceId => System.Diagnostics.ActivityContext.TryParse(TraceParent, null, out var creator) ? creator.TraceId.ToHexString() : null;

    /// <summary>Why the instance failed, when it did.</summary>
    public WorkflowFailureDetails? FailureDetails { get; init; }

    /// <summary>True while the instance is pending, running or suspended.</summary>
    public bool IsRunning => RuntimeStatus is WorkflowRuntimeStatus.Pending or WorkflowRuntimeStatus.Running or WorkflowRuntimeStatus.Suspended;

    /// <summary>True once the instance completed, failed or was terminated.</summary>
    public bool IsCompleted => RuntimeStatus.IsFinished();

    /// <summary>The input, deserialized.</summary>
    public T? ReadInputAs<T>() => WorkflowJson.Deserialize<T>(SerializedInput);

    /// <summary>The output, deserialized.</summary>
    public T? ReadOutputAs<T>() => WorkflowJson.Deserialize<T>(SerializedOutput);

    /// <summary>The custom status, deserialized.</summary>
    public T? ReadCustomStatusAs<T>() => WorkflowJson.Deserialize<T>(SerializedCustomStatus);
}
