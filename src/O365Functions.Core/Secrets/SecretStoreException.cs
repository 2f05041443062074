namespace O365Functions.Core.Secrets;

/// <summary>
/// A secret store could not read or write. The message names the secret and the cause, never the secret's value.
/// </summary>
public sealed class SecretStoreException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SecretStoreException(string message, Exception? innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates the exception.</summary>
    public SecretStoreException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public SecretStoreException()
        : base("The secret store failed.")
    {
    }
}
