namespace O365Functions.PartnerCenter.Models;

/// <summary>How far one line item of an order is provisioned.</summary>
public sealed record OrderLineItemProvisioningStatus
{
    /// <summary>The line item's number.</summary>
    public int LineItemNumber { get; init; }

    /// <summary><c>Fulfilled</c>, <c>Unfulfilled</c> or <c>PrefulfillmentPending</c>.</summary>
    public string? Status { get; init; }
}
