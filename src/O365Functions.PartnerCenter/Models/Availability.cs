namespace O365Functions.PartnerCenter.Models;

/// <summary>An availability of a SKU: what a cart line item buys, through its catalog item id.</summary>
public sealed record Availability
{
    /// <summary>The availability id.</summary>
    public string? Id { get; init; }

    /// <summary>The product id.</summary>
    public string? ProductId { get; init; }

    /// <summary>The SKU id.</summary>
    public string? SkuId { get; init; }

    /// <summary><c>{productId}:{skuId}:{availabilityId}</c>, the id to put in a cart.</summary>
    public string? CatalogItemId { get; init; }

    /// <summary>Whether it can be bought now.</summary>
    public bool IsPurchasable { get; init; }
}
