namespace O365Functions.Core.Callbacks;

/// <summary>The controller refused a call back or could not be reached. The message names the call and the status, never a credential.</summary>
public sealed class ApsControllerException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ApsControllerException(string message, int? status = null, Exception? innerException = null)
        : base(message, innerException) => Status = status;

    /// <summary>Creates the exception with a default message.</summary>
    public ApsControllerException()
        : this("The APS controller call failed.")
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    public ApsControllerException(string message)
        : this(message, null, null)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    public ApsControllerException(string message, Exception innerException)
        : this(message, null, innerException)
    {
    }

    /// <summary>The controller's HTTP status, when it answered.</summary>
    public int? Status { get; }
}
