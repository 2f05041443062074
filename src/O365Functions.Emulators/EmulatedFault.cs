namespace O365Functions.Emulators;

/// <summary>Faults the emulator can inject into Partner Center calls.</summary>
[Flags]
public enum EmulatedFault
{
    /// <summary>No fault.</summary>
    None = 0,

    /// <summary>429 with <c>Retry-After</c>, before the action.</summary>
    Throttled = 1,

    /// <summary>503, before the action.</summary>
    ServiceUnavailable = 2,

    /// <summary>500, before the action.</summary>
    InternalServerError = 4,

    /// <summary>The action is performed, then the connection is dropped before the answer: the case that buys twice without idempotency.</summary>
    ConnectionDroppedAfterAction = 8,
}
