namespace O365Functions.Core.Callbacks;

/// <summary>What ties a call back to the request it belongs to.</summary>
/// <param name="TransactionId">The controller's <c>APS-Transaction-ID</c> of that request, to act inside its transaction.</param>
/// <param name="ImpersonatedResourceId">The resource to act as (<c>APS-Resource-ID</c>), such as the tenant a change is for.</param>
public sealed record ApsCallContext(string? TransactionId, string? ImpersonatedResourceId);
