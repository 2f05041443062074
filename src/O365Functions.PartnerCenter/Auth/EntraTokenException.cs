namespace O365Functions.PartnerCenter.Auth;

/// <summary>Entra did not issue a token for a reason other than consent (unreachable, failing, misconfigured app).</summary>
public sealed class EntraTokenException : Exception
{
    /// <summary>Creates the exception.</summary>
    public EntraTokenException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a cause.</summary>
    public EntraTokenException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with a default message.</summary>
    public EntraTokenException()
        : this("Entra did not issue a token.")
    {
    }
}
