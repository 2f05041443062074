namespace O365Functions.Emulators;

/// <summary>What the emulator holds and has seen, as the inspection endpoint (<c>GET /emulator/state</c>) reports it.</summary>
public sealed record EmulatorSnapshot
{
    /// <summary>Customers created.</summary>
    public required int Customers { get; init; }

    /// <summary>Orders placed (an order patched with an add-on counts once).</summary>
    public required int Orders { get; init; }

    /// <summary>Order line items across all orders.</summary>
    public required int OrderLines { get; init; }

    /// <summary>Subscriptions created.</summary>
    public required int Subscriptions { get; init; }

    /// <summary>Calls per endpoint.</summary>
    public required IReadOnlyDictionary<string, int> Calls { get; init; }

    /// <summary>429s from the throttling budget.</summary>
    public required int Throttled { get; init; }

    /// <summary>Injected faults.</summary>
    public required int Faults { get; init; }

    /// <summary>Writes answered from the <c>MS-RequestId</c> replay cache.</summary>
    public required int Replays { get; init; }

    /// <summary>Refresh tokens issued, the initial one included.</summary>
    public required int RefreshTokensIssued { get; init; }
}
