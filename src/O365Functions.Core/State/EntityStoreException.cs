namespace O365Functions.Core.State;

/// <summary>An entity-store operation failed for a reason callers can act on (see <see cref="Error"/>).</summary>
public sealed class EntityStoreException : Exception
{
    /// <summary>Creates the exception.</summary>
    public EntityStoreException(EntityStoreError error, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Error = error;
    }

    /// <summary>Creates an <see cref="EntityStoreError.Unavailable"/> exception with a message.</summary>
    public EntityStoreException(string message)
        : this(EntityStoreError.Unavailable, message)
    {
    }

    /// <summary>Creates an <see cref="EntityStoreError.Unavailable"/> exception with a message and cause.</summary>
    public EntityStoreException(string message, Exception innerException)
        : this(EntityStoreError.Unavailable, message, innerException)
    {
    }

    /// <summary>Creates an <see cref="EntityStoreError.Unavailable"/> exception.</summary>
    public EntityStoreException()
        : this(EntityStoreError.Unavailable, "The entity store failed.")
    {
    }

    /// <summary>What went wrong.</summary>
    public EntityStoreError Error { get; }

    /// <summary>For a failed transaction, the index of the action that failed, where the store says.</summary>
    public int? FailedActionIndex { get; init; }
}
