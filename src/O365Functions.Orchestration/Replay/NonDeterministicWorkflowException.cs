namespace O365Functions.Orchestration.Replay;

/// <summary>
/// Raised inside workflow code whose replay does not match its history (the code changed, or it read the clock,
/// random numbers or I/O directly). The instance fails with this message; it cannot be continued safely.
/// </summary>
public sealed class NonDeterministicWorkflowException : Exception
{
    /// <summary>Creates the exception with a message that says what the code did and what the history holds.</summary>
    public NonDeterministicWorkflowException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a default message.</summary>
    public NonDeterministicWorkflowException()
        : this("The workflow's code did not replay its history.")
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public NonDeterministicWorkflowException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
