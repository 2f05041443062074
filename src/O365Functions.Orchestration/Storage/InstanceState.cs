using O365Functions.Core.State;
using O365Functions.Core.Workflows;

namespace O365Functions.Orchestration.Storage;

/// <summary>
/// The row that heads an instance's partition: its status and values as a client reads them, and how many history
/// episodes it has. Every step replaces it under its ETag, which is what stops two runtimes from both taking a step.
/// </summary>
internal sealed record InstanceState
{
    public const string RowKey = "state";

    public required string InstanceId { get; init; }

    public required string Name { get; init; }

    public required WorkflowRuntimeStatus Status { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    public required DateTimeOffset LastUpdatedAt { get; init; }

    /// <summary>How many history episodes are stored; the next one gets this number.</summary>
    public required int Episodes { get; init; }

    /// <summary>The workflow version the instance was created with; empty for one created before versioning.</summary>
    public string? Version { get; init; }

    public string? Input { get; init; }

    public string? Output { get; init; }

    public string? CustomStatus { get; init; }

    public WorkflowFailureDetails? Failure { get; init; }

    /// <summary>The W3C <c>traceparent</c> of the span that created the instance: its steps' spans join that trace.</summary>
    public string? TraceParent { get; init; }

    public EntityTag? ETag { get; init; }

    public bool IsFinished => Status.IsFinished();

    public WorkflowInstance ToInstance(bool includeInputsAndOutputs) => new()
    {
        Name = Name,
        InstanceId = InstanceId,
        RuntimeStatus = Status,
        CreatedAt = CreatedAt,
        LastUpdatedAt = LastUpdatedAt,
        SerializedInput = includeInputsAndOutputs ? Input : null,
        SerializedOutput = includeInputsAndOutputs ? Output : null,
        SerializedCustomStatus = CustomStatus,
        FailureDetails = Failure,
        Version = Version,
        TraceParent = TraceParent,
    };

    public StoredEntity ToEntity()
    {
        var entity = new StoredEntity(InstanceId, RowKey)
        {
            ["Name"] = Name,
            ["Status"] = Status.ToString(),
            ["CreatedAt"] = CreatedAt,
            ["LastUpdatedAt"] = LastUpdatedAt,
            ["Episodes"] = Episodes,
            ["Version"] = Version,
            ["Input"] = Input,
            ["Output"] = Output,
            ["CustomStatus"] = CustomStatus,
            ["Failure"] = Failure is null ? null : System.Text.Json.JsonSerializer.Serialize(Failure, WorkflowJson.Options),
            ["TraceParent"] = TraceParent,
        };
        return entity;
    }

    public static InstanceState FromEntity(StoredEntity entity) => new()
    {
        InstanceId = entity.PartitionKey,
        Name = entity.GetString("Name") ?? string.Empty,
        Status = Enum.Parse<WorkflowRuntimeStatus>(entity.GetString("Status") ?? nameof(WorkflowRuntimeStatus.Pending)),
        CreatedAt = entity.GetDateTimeOffset("CreatedAt") ?? DateTimeOffset.MinValue,
        LastUpdatedAt = entity.GetDateTimeOffset("LastUpdatedAt") ?? DateTimeOffset.MinValue,
        Episodes = entity.GetInt32("Episodes") ?? 0,
        Version = entity.GetString("Version"),
        Input = entity.GetString("Input"),
        Output = entity.GetString("Output"),
        CustomStatus = entity.GetString("CustomStatus"),
        Failure = WorkflowJson.Deserialize<WorkflowFailureDetails>(entity.GetString("Failure")),
        TraceParent = entity.GetString("TraceParent"),
        ETag = entity.ETag,
    };
}
