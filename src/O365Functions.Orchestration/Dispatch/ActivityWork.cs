namespace O365Functions.Orchestration.Dispatch;

/// <summary>One activity call to run for an instance, with the trace its span joins (the instance's creator's).</summary>
internal sealed record ActivityWork(string InstanceId, int TaskId, string Name, string? Input, string? TraceParent);
