namespace O365Functions.Api.Aps.Package;

/// <summary>A relation of an APS type: a link to one resource, or a collection of linked resources.</summary>
/// <param name="Name">The relation's name, also the link property in bodies and the path segment of link notifications.</param>
/// <param name="Service">The service of the linked type.</param>
/// <param name="Collection">Whether many resources are linked.</param>
/// <param name="Required">Whether the link must exist (a strong link).</param>
public sealed record ApsRelation(string Name, string Service, bool Collection, bool Required);
