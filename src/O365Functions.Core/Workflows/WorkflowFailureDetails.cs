namespace O365Functions.Core.Workflows;

/// <summary>
/// Why an activity, a sub-workflow or a workflow failed, in a form that survives storage and replay: the exception's
/// type name and message rather than the exception object. Mirrors Durable Task's <c>TaskFailureDetails</c>.
/// </summary>
/// <param name="ErrorType">The full name of the exception type that caused the failure.</param>
/// <param name="ErrorMessage">The exception's message.</param>
/// <param name="StackTrace">The stack trace where the failure was raised, when known.</param>
/// <param name="InnerFailure">The failure's own cause, when it had one.</param>
public sealed record WorkflowFailureDetails(string ErrorType, string ErrorMessage, string? StackTrace = null, WorkflowFailureDetails? InnerFailure = null)
{
    /// <summary>
    /// Captures an exception and its causes. A <see cref="WorkflowTaskFailedException"/> keeps the failed task's own
    /// details as its cause, so a workflow's failure names both the task and what the task threw.
    /// </summary>
    public static WorkflowFailureDetails FromException(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var cause = exception switch
        {
            WorkflowTaskFailedException failed => failed.FailureDetails,
            { InnerException: { } inner } => FromException(inner),
            _ => null,
        };
        return new WorkflowFailureDetails(
            exception.GetType().FullName ?? exception.GetType().Name,
            exception.Message,
            exception.StackTrace,
            cause);
    }

    /// <summary>True when the failure was caused by an exception of type <typeparamref name="T"/> or a type derived from it.</summary>
    public bool IsCausedBy<T>()
        where T : Exception => IsCausedBy(typeof(T));

    /// <summary>True when the failure was caused by an exception of <paramref name="exceptionType"/> or a type derived from it.</summary>
    public bool IsCausedBy(Type exceptionType)
    {
        ArgumentNullException.ThrowIfNull(exceptionType);
        if (string.Equals(ErrorType, exceptionType.FullName, StringComparison.Ordinal))
        {
            return true;
        }

        var failedType = FindLoadedType(ErrorType);
        return failedType is not null && exceptionType.IsAssignableFrom(failedType);
    }

    /// <inheritdoc />
    public override string ToString() => $"{ErrorType}: {ErrorMessage}";

    private static Type? FindLoadedType(string fullName)
    {
        foreach (var assembly in AppDomain.CurrentDomain.GetAssemblies())
        {
            if (assembly.GetType(fullName, throwOnError: false) is { } type)
            {
                return type;
            }
        }

        return null;
    }
}
