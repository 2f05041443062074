namespace O365Functions.PartnerCenter.Models;

/// <summary>A new-commerce catalog product.</summary>
public sealed record Product
{
    /// <summary>The 12-character product id.</summary>
    public string? Id { get; init; }

    /// <summary>The product title.</summary>
    public string? Title { get; init; }

    /// <summary>The product description.</summary>
    public string? Description { get; init; }
}
