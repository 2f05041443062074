namespace O365Functions.Core.State;

/// <summary>How a write treats properties the stored entity has and the written one lacks.</summary>
public enum EntityUpdateMode
{
    /// <summary>Keep them: only the written properties change.</summary>
    Merge,

    /// <summary>Drop them: the stored entity becomes exactly the written one.</summary>
    Replace,
}
