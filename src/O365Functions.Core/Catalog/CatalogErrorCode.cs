namespace O365Functions.Core.Catalog;

/// <summary>Why a requested set of offers cannot be bought as asked.</summary>
public enum CatalogErrorCode
{
    /// <summary>No license or add-on type has the requested provisioning id.</summary>
    UnknownOffer,

    /// <summary>The request names the same provisioning id more than once.</summary>
    DuplicateRequest,

    /// <summary>The catalog defines more than one type with the requested provisioning id, so it is ambiguous.</summary>
    DuplicateDefinition,

    /// <summary>An add-on's chain of parents up to a license type is not in the request.</summary>
    MissingAncestor,

    /// <summary>The parent definitions of an add-on loop back to it, so it has no top-level ancestor.</summary>
    ParentCycle,

    /// <summary>The quantity lies outside the offer's minimum and maximum.</summary>
    QuantityOutOfRange,

    /// <summary>The offer cannot be assigned to a user.</summary>
    NotAssignable,
}
