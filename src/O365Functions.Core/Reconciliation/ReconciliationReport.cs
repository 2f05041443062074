namespace O365Functions.Core.Reconciliation;

/// <summary>What a reconciliation of one tenant found and did.</summary>
/// <param name="TenantApsId">The tenant.</param>
/// <param name="At">When Partner Center was read.</param>
/// <param name="ReadComplete">Whether Partner Center's list was read whole; when not, nothing was changed.</param>
/// <param name="Findings">Each difference, with what was done about it.</param>
/// <param name="Summary">The report in one sentence.</param>
public sealed record ReconciliationReport(string TenantApsId, DateTimeOffset At, bool ReadComplete, IReadOnlyList<ReconciliationFinding> Findings, string Summary);

/// <summary>One difference between the gateway's record and Partner Center.</summary>
/// <param name="ProvisioningId">The provider's type, when the subscription is the gateway's.</param>
/// <param name="SubscriptionId">Partner Center's subscription.</param>
/// <param name="What">The difference, in words.</param>
/// <param name="Action">What was done about it.</param>
public sealed record ReconciliationFinding(string? ProvisioningId, string SubscriptionId, string What, FindingAction Action);
