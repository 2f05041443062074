namespace O365Functions.Core.Provisioning;

/// <summary>
/// Microsoft's "no" to a step: a business answer (a country the partner may not sell in, a taken domain, a seat limit)
/// that trying again will not change. Activities return it rather than throw, so an activity's retry policy is spent
/// only on faults; the workflow then ends with it.
/// </summary>
/// <param name="Code">Microsoft's error code (Partner Center's number, Entra's <c>invalid_grant</c>), or the gateway's own.</param>
/// <param name="Message">What Microsoft said.</param>
/// <param name="Advice">What the provider or customer can do about it.</param>
public sealed record CommerceRefusal(string Code, string Message, string Advice);

/// <summary>An activity's answer: its value, or Microsoft's refusal.</summary>
public sealed record StepOutcome<T>(T? Value, CommerceRefusal? Refusal);

/// <summary>Makes <see cref="StepOutcome{T}"/>s.</summary>
public static class StepOutcome
{
    /// <summary>The step did its work.</summary>
    public static StepOutcome<T> Done<T>(T value) => new(value, null);

    /// <summary>Microsoft refused the step.</summary>
    public static StepOutcome<T> Refused<T>(CommerceRefusal refusal) => new(default, refusal);
}

/// <summary>
/// Ends a workflow with Microsoft's refusal of one of its steps: the step, Microsoft's code and message, and what to do,
/// in the sentence the APS controller shows the provider.
/// </summary>
public sealed class CommerceRefusedException : Exception
{
    /// <summary>Creates the exception for <paramref name="refusal"/> of <paramref name="step"/>.</summary>
    public CommerceRefusedException(string step, CommerceRefusal refusal)
        : base($"Step '{step}' was refused ({refusal?.Code}): {refusal?.Message} What to do: {refusal?.Advice}")
    {
        ArgumentNullException.ThrowIfNull(refusal);
        Step = step;
        Refusal = refusal;
    }

    /// <summary>Creates the exception with a message only.</summary>
    public CommerceRefusedException(string message)
        : base(message)
    {
        Step = string.Empty;
        Refusal = new CommerceRefusal(string.Empty, message, string.Empty);
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public CommerceRefusedException(string message, Exception innerException)
        : base(message, innerException)
    {
        Step = string.Empty;
        Refusal = new CommerceRefusal(string.Empty, message, string.Empty);
    }

    /// <summary>Creates the exception with no message.</summary>
    public CommerceRefusedException()
        : this("Microsoft refused a step.")
    {
    }

    /// <summary>The step refused.</summary>
    public string Step { get; }

    /// <summary>What Microsoft said.</summary>
    public CommerceRefusal Refusal { get; }
}
