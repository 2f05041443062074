namespace O365Functions.PartnerCenter.Auth;

/// <summary>
/// The stored partner refresh token cannot be used, and retrying will not help: a partner admin must repeat the
/// Secure Application Model consent. The message says which case it is; it never contains a token.
/// </summary>
public sealed class ConsentRequiredException : Exception
{
    /// <summary>Creates the exception for <paramref name="problem"/>, with Entra's error code when it gave one.</summary>
    public ConsentRequiredException(ConsentProblem problem, string? entraErrorCode)
        : base(Describe(problem, entraErrorCode))
    {
        Problem = problem;
        EntraErrorCode = entraErrorCode;
    }

    /// <summary>Creates the exception with a message only.</summary>
    public ConsentRequiredException(string message)
        : base(message)
    {
        Problem = ConsentProblem.Other;
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public ConsentRequiredException(string message, Exception innerException)
        : base(message, innerException)
    {
        Problem = ConsentProblem.Other;
    }

    /// <summary>Creates the exception with a default message.</summary>
    public ConsentRequiredException()
        : this(ConsentProblem.Other, null)
    {
    }

    /// <summary>Which case it is.</summary>
    public ConsentProblem Problem { get; }

    /// <summary>Entra's code, such as <c>AADSTS700082</c>.</summary>
    public string? EntraErrorCode { get; }

    private static string Describe(ConsentProblem problem, string? code)
    {
        var cause = problem switch
        {
            ConsentProblem.ExpiredByInactivity => "the partner refresh token expired after 90 days without use",
            ConsentProblem.Revoked => "the partner refresh token or the consenting user's sessions were revoked",
            ConsentProblem.ConsentMissing => "the app registration lacks consent for the requested resource",
            ConsentProblem.NoRefreshToken => "no partner refresh token is stored",
            _ => "Entra refused the partner refresh token",
        };
        var suffix = code is null ? string.Empty : $" ({code})";
        return $"Partner consent is required: {cause}{suffix}. A partner admin agent must repeat the Secure Application Model consent and store the new refresh token.";
    }
}
