namespace O365Functions.Emulators.Aps;

/// <summary>A call the application made back to the emulated controller.</summary>
/// <param name="Method">The HTTP method.</param>
/// <param name="Path">The path, such as <c>/aps/2/resources/{id}</c>.</param>
/// <param name="TransactionId">The <c>APS-Transaction-ID</c> sent, if any.</param>
/// <param name="ImpersonatedResourceId">The <c>APS-Resource-ID</c> sent, if any.</param>
/// <param name="Authenticated">Whether the call proved it came from the instance (its certificate, or a valid OAuth signature).</param>
public sealed record ApsControllerCall(string Method, string Path, string? TransactionId, string? ImpersonatedResourceId, bool Authenticated);
