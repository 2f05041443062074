namespace O365Functions.Core.Workflows;

/// <summary>
/// A workflow's custom status as people read it: what it is doing now, and how far along it is. The APS endpoint
/// shows it in <c>APS-Info</c>, so a provider's task manager says where an operation is.
/// </summary>
/// <param name="Step">The step under way, in words.</param>
/// <param name="CompletedSteps">Steps done so far.</param>
/// <param name="TotalSteps">Steps in all, as far as known.</param>
public sealed record WorkflowProgress(string Step, int CompletedSteps, int TotalSteps);
