using System.Net;

namespace O365Functions.PartnerCenter;

/// <summary>
/// Partner Center refused or failed a call. Carries what the caller needs to decide: the HTTP status, Partner
/// Center's own error code (a number or a string on the wire, kept as text), its description, and the request and
/// correlation ids to quote to Microsoft support.
/// </summary>
public sealed class PartnerCenterException : Exception
{
    /// <summary>Creates the exception for a failed call.</summary>
    public PartnerCenterException(HttpStatusCode statusCode, string? errorCode, string description, string requestId, string correlationId, Exception? innerException = null)
        : base(Format(statusCode, errorCode, description), innerException)
    {
        StatusCode = statusCode;
        ErrorCode = errorCode;
        Description = description;
        RequestId = requestId;
        CorrelationId = correlationId;
    }

    /// <summary>Creates the exception with a message only.</summary>
    public PartnerCenterException(string message)
        : this(HttpStatusCode.InternalServerError, null, message, string.Empty, string.Empty)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public PartnerCenterException(string message, Exception innerException)
        : this(HttpStatusCode.InternalServerError, null, message, string.Empty, string.Empty, innerException)
    {
    }

    /// <summary>Creates the exception with a default message.</summary>
    public PartnerCenterException()
        : this("Partner Center failed the call.")
    {
    }

    /// <summary>The HTTP status of the last attempt.</summary>
    public HttpStatusCode StatusCode { get; }

    /// <summary>Partner Center's error code (for example <c>2030</c>, <c>27009</c>), when it sent one.</summary>
    public string? ErrorCode { get; }

    /// <summary>Partner Center's description of the error.</summary>
    public string Description { get; }

    /// <summary>The <c>MS-RequestId</c> of the call, the same across its retries.</summary>
    public string RequestId { get; }

    /// <summary>The <c>MS-CorrelationId</c> of the call.</summary>
    public string CorrelationId { get; }

    /// <summary>True when trying again later may succeed (throttling, timeouts, server errors).</summary>
    public bool IsTransient => StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests || (int)StatusCode >= 500;

    private static string Format(HttpStatusCode statusCode, string? errorCode, string description) =>
        errorCode is null
            ? $"Partner Center answered {(int)statusCode} {statusCode}: {description}"
            : $"Partner Center answered {(int)statusCode} {statusCode} with error {errorCode}: {description}";
}
