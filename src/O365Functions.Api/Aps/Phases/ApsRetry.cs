namespace O365Functions.Api.Aps.Phases;

/// <summary>What an operator's retry of an operation did.</summary>
public enum ApsRetryOutcome
{
    /// <summary>The next generation of the operation was recorded and started (or waits for a resume).</summary>
    Started,

    /// <summary>The resource has no operation.</summary>
    NotFound,

    /// <summary>The operation runs, waits or completed: there is nothing to retry.</summary>
    NotFailed,
}

/// <summary>The outcome of a retry, a sentence for the operator, and the new workflow's id when one started.</summary>
public sealed record ApsRetry(ApsRetryOutcome Outcome, string Message, string? WorkflowInstanceId = null);
