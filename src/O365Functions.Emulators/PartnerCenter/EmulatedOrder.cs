namespace O365Functions.Emulators.PartnerCenter;

/// <summary>An order in the emulator; it is pending until the provisioning delay has passed.</summary>
internal sealed record EmulatedOrder(string Id, string CustomerId, string BillingCycle, DateTimeOffset CreatedAt)
{
    public List<EmulatedOrderLine> Lines { get; } = [];

    /// <summary>Fulfilled only after <see cref="MicrosoftEmulatorOptions.SlowProvisioningDelay"/>, with its subscriptions.</summary>
    public bool Slow { get; init; }
}
