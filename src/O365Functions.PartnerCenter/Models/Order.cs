namespace O365Functions.PartnerCenter.Models;

/// <summary>An order of one or more line items for a customer.</summary>
public sealed record Order
{
    /// <summary>The order id.</summary>
    public string? Id { get; init; }

    /// <summary>The customer's tenant id.</summary>
    public string? ReferenceCustomerId { get; init; }

    /// <summary>The billing cycle.</summary>
    public BillingCycle BillingCycle { get; init; }

    /// <summary>The line items.</summary>
    public IReadOnlyList<OrderLineItem> LineItems { get; init; } = [];

    /// <summary>Where the order is.</summary>
    public OrderStatus Status { get; init; }

    /// <summary>When it was created.</summary>
    public DateTimeOffset? CreationDate { get; init; }

    /// <summary>Type and ETag.</summary>
    public ResourceAttributes? Attributes { get; init; }
}
