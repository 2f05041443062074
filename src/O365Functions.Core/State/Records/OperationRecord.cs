namespace O365Functions.Core.State.Records;

/// <summary>One APS request the gateway is carrying out (or has), for status polls and duplicate detection.</summary>
public sealed record OperationRecord(
    string InstanceId,
    string TenantApsId,
    string OperationId,
    string Kind,
    string Status,
    int CompletedSteps,
    int TotalSteps,
    OperationError? Error);
