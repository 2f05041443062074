namespace O365Functions.Emulators.PartnerCenter;

/// <summary>A subscription in the emulator. Its ETag changes with every update.</summary>
internal sealed class EmulatedSubscription
{
    public required string Id { get; init; }

    public required string CustomerId { get; init; }

    /// <summary>How many more listings leave it out (<see cref="MicrosoftEmulatorOptions.ListingLagReads"/>).</summary>
    public int UnlistedReads { get; set; }

    public required string OrderId { get; init; }

    public required string OfferId { get; init; }

    public string? ParentSubscriptionId { get; init; }

    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>Bought in a slow order: pending until <see cref="MicrosoftEmulatorOptions.SlowProvisioningDelay"/> has passed.</summary>
    public bool Slow { get; init; }

    public string? FriendlyName { get; set; }

    /// <summary>The indirect reseller's MPN ID on record (an order line's <c>partnerIdOnRecord</c>, a cart line's participant).</summary>
    public string? PartnerIdOnRecord { get; init; }

    public int Quantity { get; set; }

    /// <summary>Set once the subscription is changed after provisioning; until then it reads pending, then active.</summary>
    public string? ExplicitStatus { get; set; }

    public bool AutoRenewEnabled { get; set; } = true;

    public int Version { get; set; } = 1;

    /// <summary>A change accepted for later, and when it shows.</summary>
    public (int? Quantity, string? Status, DateTimeOffset Due)? PendingChange { get; set; }

    /// <summary>A new-commerce subscription's term (<c>P1M</c>, <c>P1Y</c> or <c>P3Y</c>).</summary>
    public string TermDuration { get; init; } = "P1M";

    /// <summary><c>monthly</c>, <c>annual</c>, ...: the order's, or the cart line's.</summary>
    public string BillingCycle { get; init; } = "monthly";

    /// <summary>When the term last renewed; null while the first term runs.</summary>
    public DateTimeOffset? RenewedAt { get; set; }

    /// <summary>The seats of the next term (<c>scheduledNextTermInstructions.quantity</c>), applied when the term renews.</summary>
    public int? ScheduledQuantity { get; set; }

    /// <summary>When the current term began: the purchase, or the last renewal. The cancellation window counts from here.</summary>
    public DateTimeOffset TermStart => RenewedAt ?? CreatedAt;

    /// <summary>When the current term ends and, with auto-renew on, the next one begins.</summary>
    public DateTimeOffset CommitmentEnd => TermDuration switch
    {
        "P1Y" => TermStart.AddYears(1),
        "P3Y" => TermStart.AddYears(3),
        _ => TermStart.AddMonths(1),
    };

    /// <summary>New-commerce purchases name a catalog item (<c>product:sku:availability</c>).</summary>
    public bool IsNewCommerce => OfferId.Contains(':', StringComparison.Ordinal);

    public string ETag => $"W/\"{Id}-{Version}\"";
}
