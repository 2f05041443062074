namespace O365Functions.PartnerCenter.Models;

/// <summary>A SKU of a new-commerce product.</summary>
public sealed record Sku
{
    /// <summary>The SKU id, unique within its product.</summary>
    public string? Id { get; init; }

    /// <summary>The product id.</summary>
    public string? ProductId { get; init; }

    /// <summary>The SKU title.</summary>
    public string? Title { get; init; }

    /// <summary>Smallest quantity per purchase.</summary>
    public int MinimumQuantity { get; init; }

    /// <summary>Largest quantity per purchase.</summary>
    public int MaximumQuantity { get; init; }

    /// <summary>True for trials.</summary>
    public bool IsTrial { get; init; }
}
