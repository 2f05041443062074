namespace O365Functions.PartnerCenter.Models;

/// <summary>One item of a cart.</summary>
public sealed record CartLineItem
{
    /// <summary>The item's index, chosen by the client.</summary>
    public int Id { get; init; }

    /// <summary>The availability's catalog item id.</summary>
    public string? CatalogItemId { get; init; }

    /// <summary>How many licenses.</summary>
    public int Quantity { get; init; }

    /// <summary>The billing cycle.</summary>
    public BillingCycle BillingCycle { get; init; }

    /// <summary>The term, such as <c>P1M</c>.</summary>
    public string? TermDuration { get; init; }

    /// <summary>A name for the subscription.</summary>
    public string? FriendlyName { get; init; }
}
