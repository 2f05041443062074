namespace O365Functions.PartnerCenter.Models;

/// <summary>The SKU a subscribed SKU counts.</summary>
public sealed record ProductSku
{
    /// <summary>The SKU id, used to assign licenses.</summary>
    public string? Id { get; init; }

    /// <summary>The SKU name.</summary>
    public string? Name { get; init; }

    /// <summary>The part number, such as <c>ENTERPRISEPACK</c>.</summary>
    public string? SkuPartNumber { get; init; }
}
