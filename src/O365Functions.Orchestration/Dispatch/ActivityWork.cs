namespace O365Functions.Orchestration.Dispatch;

/// <summary>One activity call to run for an instance.</summary>
internal sealed record ActivityWork(string InstanceId, int TaskId, string Name, string? Input);
