using System.Net;

namespace O365Functions.PartnerCenter.Graph;

/// <summary>Microsoft Graph refused or failed a call; carries the HTTP status and Graph's error code and message.</summary>
public sealed class GraphException : Exception
{
    /// <summary>Creates the exception.</summary>
    public GraphException(HttpStatusCode statusCode, string? errorCode, string message)
        : this(statusCode, errorCode, message, innerException: null)
    {
    }

    /// <summary>Creates the exception with the SDK's error, when there is one, kept as the cause.</summary>
    public GraphException(HttpStatusCode statusCode, string? errorCode, string message, Exception? innerException)
        : base($"Microsoft Graph answered {(int)statusCode} {statusCode}{(errorCode is null ? string.Empty : $" ({errorCode})")}: {message}", innerException)
    {
        StatusCode = statusCode;
        ErrorCode = errorCode;
    }

    /// <summary>Creates the exception with a message.</summary>
    public GraphException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public GraphException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception with a default message.</summary>
    public GraphException()
        : this("Microsoft Graph failed the call.")
    {
    }

    /// <summary>The HTTP status.</summary>
    public HttpStatusCode StatusCode { get; }

    /// <summary>Graph's error code, such as <c>Request_ResourceNotFound</c>.</summary>
    public string? ErrorCode { get; }

    /// <summary>
    /// True when the connection was lost or the call timed out: Graph may or may not have carried it out, and Graph
    /// has no idempotency key, so check the effect before calling again.
    /// </summary>
    public bool IsOutcomeUnknown { get; init; }
}
