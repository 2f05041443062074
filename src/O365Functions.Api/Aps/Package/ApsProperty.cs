namespace O365Functions.Api.Aps.Package;

/// <summary>One property of an APS type, as the package declares it and the handlers accept and return it.</summary>
/// <param name="Name">The JSON name.</param>
/// <param name="Kind">The JSON shape.</param>
/// <param name="Description">What the property means, for the package's schema and the API docs.</param>
public sealed record ApsProperty(string Name, ApsPropertyKind Kind, string Description)
{
    /// <summary>Who writes and reads it.</summary>
    public ApsAccess Access { get; init; } = ApsAccess.ReadWrite;

    /// <summary>
    /// Whether the platform keeps it encrypted and shows it only to the application's own certificate (a secret). Every
    /// write-only property is; a read-only one only when it says so (the initial admin's password).
    /// </summary>
    public bool Encrypted { get => field || Access == ApsAccess.WriteOnly; init; }

    /// <summary>Whether provisioning requires it.</summary>
    public bool Required { get; init; }

    /// <summary>The only values allowed, when the property is an enumeration.</summary>
    public IReadOnlyList<string>? Values { get; init; }

    /// <summary>The nested properties of an object, a map's values or an array's items.</summary>
    public IReadOnlyList<ApsProperty> Nested { get; init; } = [];
}
