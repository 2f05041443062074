namespace O365Functions.Api.Aps.Package;

/// <summary>One APS type of the package and the service that serves it.</summary>
/// <param name="Service">The service id: the URL path segment under <c>/aps/</c>.</param>
/// <param name="Title">A short human name.</param>
/// <param name="Properties">The properties, in the order the schema lists them.</param>
/// <param name="Relations">The relations.</param>
/// <param name="Operations">The custom operations.</param>
/// <param name="Implements">The standard type it implements, which decides how the platform treats its resources.</param>
public sealed record ApsType(
    string Service,
    string Title,
    IReadOnlyList<ApsProperty> Properties,
    IReadOnlyList<ApsRelation> Relations,
    IReadOnlyList<ApsOperation> Operations,
    string Implements = "http://aps-standard.org/types/core/resource/1.0")
{
    /// <summary>The APS type id: <c>http://o365functions.local/aps/{service}/1.0</c>.</summary>
    public string Id => $"{ApsPackage.TypeNamespace}/{Service}/{ApsPackage.TypeVersion}";

    /// <summary>The property named <paramref name="name"/> (case-sensitive, as APS is), or null.</summary>
    public ApsProperty? Property(string name) => Properties.FirstOrDefault(p => p.Name == name);

    /// <summary>The relation named <paramref name="name"/>, or null.</summary>
    public ApsRelation? Relation(string name) => Relations.FirstOrDefault(r => r.Name == name);
}
