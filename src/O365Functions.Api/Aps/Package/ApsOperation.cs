namespace O365Functions.Api.Aps.Package;

/// <summary>A custom operation of an APS type: <c>{verb} /{service}/{id}/{path}</c>.</summary>
/// <param name="Name">The operation's name in the type.</param>
/// <param name="Verb">The HTTP method.</param>
/// <param name="Path">The path after the resource id, without the leading slash.</param>
/// <param name="Description">What it does.</param>
public sealed record ApsOperation(string Name, string Verb, string Path, string Description)
{
    /// <summary>The JSON body's properties, when the operation takes a body.</summary>
    public IReadOnlyList<ApsProperty> Body { get; init; } = [];

    /// <summary>
    /// Whether any JSON object is accepted as the body: an event handler, whose notification's shape the platform
    /// decides (and the handler relies on nothing in it).
    /// </summary>
    public bool AcceptsAnyBody { get; init; }

    /// <summary>Query parameters the operation reads.</summary>
    public IReadOnlyList<string> Query { get; init; } = [];
}
