namespace O365Functions.PartnerCenter.Models;

/// <summary>One purchase in an order.</summary>
public sealed record OrderLineItem
{
    /// <summary>The item's number, 0 to count-1 within the order.</summary>
    public int LineItemNumber { get; init; }

    /// <summary>The offer id, or a new-commerce catalog item id.</summary>
    public string? OfferId { get; init; }

    /// <summary>How many licenses.</summary>
    public int Quantity { get; init; }

    /// <summary>A name for the subscription.</summary>
    public string? FriendlyName { get; init; }

    /// <summary>For an add-on bought into an existing order: the parent subscription.</summary>
    public string? ParentSubscriptionId { get; init; }

    /// <summary>For indirect sales: the reseller's MPN id.</summary>
    public string? PartnerIdOnRecord { get; init; }

    /// <summary>The term, such as <c>P1M</c> or <c>P1Y</c>.</summary>
    public string? TermDuration { get; init; }

    /// <summary>The subscription the item created, once known.</summary>
    public string? SubscriptionId { get; init; }
}
