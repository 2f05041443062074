namespace O365Functions.PartnerCenter.Models;

/// <summary>A customer's subscription to an offer. Update it by sending it back, changed, with its ETag.</summary>
public sealed record Subscription
{
    /// <summary>The subscription id.</summary>
    public string? Id { get; init; }

    /// <summary>The offer or catalog item bought.</summary>
    public string? OfferId { get; init; }

    /// <summary>The offer's name.</summary>
    public string? OfferName { get; init; }

    /// <summary>Its name.</summary>
    public string? FriendlyName { get; init; }

    /// <summary>How many licenses.</summary>
    public int Quantity { get; init; }

    /// <summary>Where it is.</summary>
    public SubscriptionStatus Status { get; init; }

    /// <summary>Whether it renews at term end.</summary>
    public bool AutoRenewEnabled { get; init; }

    /// <summary>For an add-on: the parent subscription.</summary>
    public string? ParentSubscriptionId { get; init; }

    /// <summary>The order that created it.</summary>
    public string? OrderId { get; init; }

    /// <summary>The billing cycle.</summary>
    public BillingCycle BillingCycle { get; init; }

    /// <summary>The term, such as <c>P1M</c>.</summary>
    public string? TermDuration { get; init; }

    /// <summary>When it was created.</summary>
    public DateTimeOffset? CreationDate { get; init; }

    /// <summary>The last moment a new-commerce subscription can be cancelled with a refund.</summary>
    public DateTimeOffset? CancellationAllowedUntilDate { get; init; }

    /// <summary>When the current term ends (far in the future for a subscription that does not renew).</summary>
    public DateTimeOffset? CommitmentEndDate { get; init; }

    /// <summary>What a new-commerce subscription becomes when its term renews: the next term's product and seats.</summary>
    public ScheduledNextTermInstructions? ScheduledNextTermInstructions { get; init; }

    /// <summary>The MPN ID of the reseller of record (the indirect model's partner of record).</summary>
    public string? PartnerId { get; init; }

    /// <summary>True for trials.</summary>
    public bool IsTrial { get; init; }

    /// <summary>Why the subscription is suspended, when it is.</summary>
    public IReadOnlyList<string>? SuspensionReasons { get; init; }

    /// <summary>Type and ETag.</summary>
    public ResourceAttributes? Attributes { get; init; }
}

/// <summary>A new-commerce subscription's next term, which Microsoft applies when the current one renews.</summary>
/// <param name="Product">The product, SKU and availability of the next term, with its billing cycle and term.</param>
/// <param name="Quantity">The seats of the next term.</param>
/// <param name="CustomTermEndDate">A co-terminus end date, when one was chosen.</param>
public sealed record ScheduledNextTermInstructions(ScheduledProduct? Product, int? Quantity, DateTimeOffset? CustomTermEndDate = null);

/// <summary>The product of a subscription's next term.</summary>
/// <param name="ProductId">The product id.</param>
/// <param name="SkuId">The SKU id.</param>
/// <param name="AvailabilityId">The availability id.</param>
/// <param name="BillingCycle">The billing cycle.</param>
/// <param name="TermDuration">The term, such as <c>P1Y</c>.</param>
/// <param name="PromotionId">A promotion applied to the next term.</param>
public sealed record ScheduledProduct(string? ProductId, string? SkuId, string? AvailabilityId, BillingCycle? BillingCycle, string? TermDuration, string? PromotionId = null);
