namespace O365Functions.Core.State;

/// <summary>What one action of an entity-group transaction does (the same set as Azure.Data.Tables).</summary>
public enum EntityChangeKind
{
    /// <summary>Insert; fails if the entity exists.</summary>
    Add,

    /// <summary>Update, merging properties; fails if the entity is missing or its ETag differs.</summary>
    UpdateMerge,

    /// <summary>Update, replacing properties; fails if the entity is missing or its ETag differs.</summary>
    UpdateReplace,

    /// <summary>Delete; fails if the entity is missing or its ETag differs.</summary>
    Delete,

    /// <summary>Insert or merge.</summary>
    UpsertMerge,

    /// <summary>Insert or replace.</summary>
    UpsertReplace,
}
