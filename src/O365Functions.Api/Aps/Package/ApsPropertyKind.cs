namespace O365Functions.Api.Aps.Package;

/// <summary>The JSON shape of an APS property.</summary>
public enum ApsPropertyKind
{
    /// <summary>A string.</summary>
    Text,

    /// <summary>A whole number.</summary>
    WholeNumber,

    /// <summary>true or false.</summary>
    Flag,

    /// <summary>An array of strings.</summary>
    TextList,

    /// <summary>An object with the declared nested properties.</summary>
    Structure,

    /// <summary>An array of objects with the declared nested properties.</summary>
    StructureList,
}
