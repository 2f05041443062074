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

    /// <summary>The partners on record, such as the indirect reseller's MPN ID.</summary>
    public IReadOnlyList<CartParticipant>? Participants { get; init; }

    /// <summary>Which order the item will be placed in at checkout (server-filled); items of one group make one order.</summary>
    public string? OrderGroup { get; init; }

    /// <summary>Why the item cannot be ordered (server-filled).</summary>
    public CartLineItemError? Error { get; init; }
}
