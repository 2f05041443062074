using O365Functions.Core.Consent;
using O365Functions.Core.Reconciliation;
using O365Functions.Core.State.Records;

namespace O365Functions.Api.Console;

/// <summary>One page of a list, and the token that asks for the next (null after the last).</summary>
public sealed record ConsolePage<T>(IReadOnlyList<T> Items, string? Next);

/// <summary>The gateway's switch and its instances, as the console's first page shows them.</summary>
public sealed record ConsoleOverview(bool Paused, DateTimeOffset? PausedSince, string? PausedReason, IReadOnlyList<ConsoleInstance> Instances);

/// <summary>One APS instance: whether the partner's consent holds, how old its token is, and what is pending.</summary>
/// <param name="InstanceId">The APS application instance.</param>
/// <param name="TokenStatus">Whether the partner's consent holds.</param>
/// <param name="TokenDetail">Why, in a sentence.</param>
/// <param name="LastKeepAlive">When a token exchange last succeeded.</param>
/// <param name="LastRotated">When Microsoft last gave a new refresh token.</param>
/// <param name="CatalogSync">The last catalog sync of the last two days.</param>
/// <param name="PendingOperations">Workflows of the instance that run or wait to run.</param>
public sealed record ConsoleInstance(
    string InstanceId,
    ConsentStatus TokenStatus,
    string? TokenDetail,
    DateTimeOffset? LastKeepAlive,
    DateTimeOffset? LastRotated,
    ConsoleRun? CatalogSync,
    int PendingOperations);

/// <summary>A background run (a catalog sync): when it last moved and how it ended.</summary>
public sealed record ConsoleRun(DateTimeOffset At, string Status);

/// <summary>A resource's last operation with where its workflow is.</summary>
/// <param name="InstanceId">The APS instance.</param>
/// <param name="ResourceId">The APS resource.</param>
/// <param name="Kind">What the operation does.</param>
/// <param name="WorkflowInstanceId">The workflow carrying it out.</param>
/// <param name="Generation">How many times it was started (a retry starts the next).</param>
/// <param name="Status"><c>waiting</c> (recorded, not started: a pause), or the workflow's status.</param>
/// <param name="StartedAt">When it was started.</param>
/// <param name="UpdatedAt">When its workflow last moved.</param>
/// <param name="Step">The step under way, or the step it failed at.</param>
/// <param name="CompletedSteps">Steps done.</param>
/// <param name="TotalSteps">Steps in all, as far as known.</param>
/// <param name="Error">What failed, with Microsoft's answer.</param>
/// <param name="TraceId">The trace of the APS request that started it.</param>
public sealed record ConsoleOperation(
    string InstanceId,
    string ResourceId,
    string Kind,
    string WorkflowInstanceId,
    int Generation,
    string Status,
    DateTimeOffset StartedAt,
    DateTimeOffset? UpdatedAt,
    string? Step,
    int? CompletedSteps,
    int? TotalSteps,
    string? Error,
    string? TraceId);

/// <summary>A tenant with what it holds at Microsoft, the licenses its users hold by offer, and what the last reconciliation found.</summary>
public sealed record ConsoleTenant(TenantRecord Tenant, IReadOnlyDictionary<string, int> Assigned, ReconciliationReport? Reconciliation);

/// <summary>A verified Partner Center webhook event, and what processed it.</summary>
public sealed record ConsoleWebhook(string EventId, string EventName, string ResourceUri, DateTimeOffset ReceivedAt, string Processing);

/// <summary>A page of verified events, and the callbacks this process refused lately (newest first).</summary>
public sealed record ConsoleWebhooks(IReadOnlyList<ConsoleWebhook> Items, string? Next, IReadOnlyList<Webhooks.WebhookRefusal> Refused);
