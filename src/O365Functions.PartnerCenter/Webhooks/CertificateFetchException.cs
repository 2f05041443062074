namespace O365Functions.PartnerCenter.Webhooks;

/// <summary>
/// A signing certificate could not be had. <see cref="Exception.Message"/> is safe to return to the caller; the
/// <see cref="Detail"/> (what the remote server did, a socket error) is for the gateway's log only.
/// </summary>
public sealed class CertificateFetchException : Exception
{
    /// <summary>Creates the exception with a public reason and a log-only detail.</summary>
    public CertificateFetchException(string reason, string detail)
        : base(reason)
    {
        Detail = detail;
    }

    /// <summary>Creates the exception with a public reason.</summary>
    public CertificateFetchException(string reason)
        : this(reason, reason)
    {
    }

    /// <summary>Creates the exception.</summary>
    public CertificateFetchException()
        : this("The signing certificate could not be fetched.")
    {
    }

    /// <summary>Creates the exception with a public reason and the underlying failure.</summary>
    public CertificateFetchException(string reason, Exception innerException)
        : base(reason, innerException)
    {
        Detail = innerException?.Message ?? reason;
    }

    /// <summary>What went wrong, for the log.</summary>
    public string Detail { get; }
}
