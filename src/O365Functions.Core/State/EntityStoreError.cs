namespace O365Functions.Core.State;

/// <summary>Why an entity-store operation was refused. Every store maps its own failures onto these.</summary>
public enum EntityStoreError
{
    /// <summary>The entity (or table) does not exist.</summary>
    NotFound,

    /// <summary>An insert found an entity with the same keys.</summary>
    AlreadyExists,

    /// <summary>A conditional write found a different ETag: someone else changed the entity first.</summary>
    PreconditionFailed,

    /// <summary>The request itself is invalid: a bad key, table name, property or transaction shape.</summary>
    InvalidInput,

    /// <summary>The store could not be reached or answered something unexpected.</summary>
    Unavailable,
}
