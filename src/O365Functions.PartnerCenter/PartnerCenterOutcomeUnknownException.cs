namespace O365Functions.PartnerCenter;

/// <summary>
/// A call that must not be repeated blindly (a PATCH: Partner Center documents no idempotency for it) lost its
/// connection or timed out: it may or may not have taken effect. The caller reads the resource and compares it with
/// what it asked for before trying again.
/// </summary>
public sealed class PartnerCenterOutcomeUnknownException : Exception
{
    /// <summary>Creates the exception.</summary>
    public PartnerCenterOutcomeUnknownException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public PartnerCenterOutcomeUnknownException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a default message.</summary>
    public PartnerCenterOutcomeUnknownException()
        : base("The outcome of a Partner Center call is unknown.")
    {
    }
}
