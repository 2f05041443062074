namespace O365Functions.Core.State;

/// <summary>One action of an entity-group transaction.</summary>
/// <param name="ActionType">What to do.</param>
/// <param name="Entity">The entity; for a delete only its keys matter.</param>
/// <param name="IfMatch">
/// For updates and deletes, the ETag the stored entity must have; none (the default) matches any existing entity.
/// </param>
public sealed record EntityChange(EntityChangeKind ActionType, StoredEntity Entity, EntityTag? IfMatch = null);
