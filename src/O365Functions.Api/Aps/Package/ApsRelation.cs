namespace O365Functions.Api.Aps.Package;

/// <summary>A relation of an APS type: a link to one resource, or a collection of linked resources.</summary>
/// <param name="Name">The relation's name, also the link property in bodies and the path segment of link notifications.</param>
/// <param name="Service">The service of the linked type in this package; empty for a platform type (<see cref="PlatformType"/>).</param>
/// <param name="Collection">Whether many resources are linked.</param>
/// <param name="Required">Whether the link must exist (a strong link).</param>
public sealed record ApsRelation(string Name, string Service, bool Collection, bool Required)
{
    /// <summary>The id of a type the platform declares (an account, a subscription, a service user), or null for a type of this package.</summary>
    public string? PlatformType { get; init; }

    /// <summary>A link to a type the platform declares.</summary>
    public static ApsRelation ToPlatform(string name, string typeId, bool required) => new(name, string.Empty, Collection: false, required) { PlatformType = typeId };
}
