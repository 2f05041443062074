using System.Globalization;
using Microsoft.AspNetCore.Http;
using O365Functions.Api.Aps;
using O365Functions.Api.Aps.Phases;
using O365Functions.Api.Operations;
using O365Functions.Core.Catalog.Sync;
using O365Functions.Core.Reconciliation;
using O365Functions.Core.State.Records;
using O365Functions.Core.Workflows;

namespace O365Functions.Api.Console;

/// <summary>
/// The operations console's data, behind the operator's credential: instances with their consent and catalog sync,
/// each resource's last operation (filtered, paged on the server), tenants with their subscriptions and last
/// reconciliation, the webhook events of a day, and the retry of a failed operation. The console's pages
/// (<see cref="ConsoleAssets"/>) read these; the controls (pause, resume, drain) are the operations routes.
/// </summary>
public sealed class ConsoleHandlers(
    GatewayRecords records, GatewayControl control, OperatorAccess access, ApsPhases phases, Consent.ConsentFlow consent,
    Telemetry.RecentSpans spans,
    Core.Webhooks.WebhookEventLedger ledger,
    Webhooks.WebhookRefusals refusals,
    TimeProvider time)
{
    private static readonly WorkflowRuntimeStatus[] Running = [WorkflowRuntimeStatus.Pending, WorkflowRuntimeStatus.Running, WorkflowRuntimeStatus.Suspended];

    /// <summary>Rows per page when the request does not say.</summary>
    public const int DefaultPageSize = 50;

    /// <summary>The most rows a page may ask for.</summary>
    public const int MaxPageSize = 200;

    /// <summary>GET /console/api/session: how operators sign in here (the admin key; and Entra ID where App Service authentication is on). Needs no credential.</summary>
    public IResult Session() => Results.Json(new { adminKey = true, entraSignIn = access.OffersEntraSignIn ? "/.auth/login/aad?post_login_redirect_uri=/console" : null }, GatewayJson.Options);

    /// <summary>GET /console/api/instances: the switch, and each instance's consent, token, catalog sync and pending work.</summary>
    public Task<IResult> InstancesAsync(HttpRequest request, IWorkflowClient workflows, CancellationToken cancellationToken) =>
        access.AuthorizedAsync(request, async () =>
        {
            var store = await records.GetAsync(cancellationToken).ConfigureAwait(false);
            var pending = await PendingByInstanceAsync(workflows, cancellationToken).ConfigureAwait(false);
            var instances = new List<ConsoleInstance>();
            foreach (var entry in await store.ListAsync<InstanceIndexRecord>(RecordKey.InstanceIndexPartition, cancellationToken).ConfigureAwait(false))
            {
                var id = entry.Record.InstanceId;
                var token = (await store.GetAsync<TokenMetadataRecord>(RecordKey.TokenMetadata(id), cancellationToken).ConfigureAwait(false))?.Record;
                instances.Add(new ConsoleInstance(id, token?.Status ?? Core.Consent.ConsentStatus.NotAuthenticated, token?.Detail, token?.LastUsed, token?.LastRotated,
                    await LastCatalogSyncAsync(workflows, id, cancellationToken).ConfigureAwait(false), pending.GetValueOrDefault(id)));
            }

            var switch_ = await control.ReadAsync(cancellationToken).ConfigureAwait(false);
            var paused = switch_?.Paused == true;
            return Results.Json(new ConsoleOverview(paused, paused ? switch_!.Since : null, paused ? switch_!.Reason : null, instances), GatewayJson.Options);
        }, cancellationToken);

    /// <summary>POST /console/api/instances/consent?instance=I: a fresh single-use consent link for the partner's admin.</summary>
    public Task<IResult> ConsentLinkAsync(HttpRequest request, CancellationToken cancellationToken) =>
        access.AuthorizedAsync(request, async () =>
        {
            if (Required(request, "instance") is not { } instanceId)
            {
                return MissingInstance();
            }

            var link = await consent.StartAsync(instanceId, request, cancellationToken).ConfigureAwait(false);
            return Results.Json(new { url = link.AbsoluteUri }, GatewayJson.Options);
        }, cancellationToken);

    /// <summary>
    /// POST /console/api/instances/verify?instance=I: one token exchange with Microsoft now (the keep-alive's), whose
    /// outcome the instance's consent status then shows; 202 with the workflow doing it.
    /// </summary>
    public Task<IResult> VerifyAsync(HttpRequest request, IWorkflowClient workflows, CancellationToken cancellationToken) =>
        access.AuthorizedAsync(request, async () =>
        {
            if (Required(request, "instance") is not { } instanceId)
            {
                return MissingInstance();
            }

            var store = await records.GetAsync(cancellationToken).ConfigureAwait(false);
            if (await store.GetAsync<InstanceIndexRecord>(RecordKey.InstanceIndex(instanceId), cancellationToken).ConfigureAwait(false) is null)
            {
                return ApsResults.Error(StatusCodes.Status404NotFound, "UnknownInstance", $"No APS instance '{instanceId}' is installed on this gateway.");
            }

            // One check a second per instance at most: a double click starts one exchange.
            var id = $"verify_{instanceId}_{time.GetUtcNow().ToUnixTimeSeconds()}";
            var started = await workflows.StartWorkflowAsync(Core.Consent.VerifyConsentWorkflow.Name, instanceId, new WorkflowStartOptions(id), cancellationToken).ConfigureAwait(false);
            return Results.Json(new { workflowInstanceId = started }, GatewayJson.Options, statusCode: StatusCodes.Status202Accepted);
        }, cancellationToken);

    /// <summary>
    /// GET /console/api/operations?instance=I&amp;resource=R&amp;status=S&amp;next=T&amp;size=N: each resource's last
    /// operation of instance I, a page at a time in resource order; R narrows to one resource (a user or domain, or a
    /// tenant with its users and domains), S to one status (waiting, running, pending, completed, failed, terminated).
    /// </summary>
    public Task<IResult> OperationsAsync(HttpRequest request, IWorkflowClient workflows, CancellationToken cancellationToken) =>
        access.AuthorizedAsync(request, async () =>
        {
            if (Required(request, "instance") is not { } instanceId)
            {
                return MissingInstance();
            }

            var resource = request.Query["resource"].FirstOrDefault()?.Trim();
            var status = request.Query["status"].FirstOrDefault()?.Trim().ToLowerInvariant();
            var store = await records.GetAsync(cancellationToken).ConfigureAwait(false);
            RecordPage<ResourceOperationRecord> page;
            if (!string.IsNullOrEmpty(resource))
            {
                page = new RecordPage<ResourceOperationRecord>(await OperationsOfResourceAsync(store, instanceId, resource, cancellationToken).ConfigureAwait(false), null);
            }
            else
            {
                page = await store.ListPageAsync<ResourceOperationRecord>(
                    RecordKey.ResourceOperationPartition(instanceId), request.Query["next"].FirstOrDefault(), PageSize(request), cancellationToken).ConfigureAwait(false);
            }

            var items = new List<ConsoleOperation>(page.Records.Count);
            foreach (var pointer in page.Records)
            {
                var workflow = await workflows.GetInstanceAsync(pointer.Record.WorkflowInstanceId, getInputsAndOutputs: false, cancellationToken).ConfigureAwait(false);
                var view = Describe(pointer.Record, workflow);
                if (string.IsNullOrEmpty(status) || status == "all" || status == view.Status)
                {
                    items.Add(view);
                }
            }

            return Results.Json(new ConsolePage<ConsoleOperation>(items, page.ContinuationToken), GatewayJson.Options);
        }, cancellationToken);

    /// <summary>
    /// GET /console/api/operations/history?instance=I&amp;resource=R: every operation resource R has had, newest first
    /// (an order, then each change, each retry), read from the workflows whose ids start with the resource's prefix;
    /// the operations page shows only the last.
    /// </summary>
    public Task<IResult> HistoryAsync(HttpRequest request, IWorkflowClient workflows, CancellationToken cancellationToken) =>
        access.AuthorizedAsync(request, async () =>
        {
            if (Required(request, "instance") is not { } instanceId)
            {
                return MissingInstance();
            }

            if (Required(request, "resource") is not { } resourceId)
            {
                return ApsResults.Error(StatusCodes.Status400BadRequest, "ResourceRequired", "Name the resource whose operations to list in the 'resource' query parameter.");
            }

            if (!IsId(instanceId) || !IsId(resourceId))
            {
                return ApsResults.Error(StatusCodes.Status400BadRequest, "InvalidId",
                    "Instance and resource ids are APS ids: letters, digits and '-' (copy them from the operations page).");
            }

            var store = await records.GetAsync(cancellationToken).ConfigureAwait(false);
            var pointer = (await store.GetAsync<ResourceOperationRecord>(RecordKey.ResourceOperation(instanceId, resourceId), cancellationToken).ConfigureAwait(false))?.Record;
            var items = new List<ConsoleOperation>();
            var query = new WorkflowQuery(InstanceIdPrefix: ApsOperationRequest.ResourcePrefix(instanceId, resourceId));
            await foreach (var workflow in workflows.GetAllInstancesAsync(query, cancellationToken).ConfigureAwait(false))
            {
                if (ApsOperationRequest.TryReadId(workflow.InstanceId, instanceId, resourceId, out var kind, out var generation))
                {
                    var traceId = workflow.TraceId ?? (pointer?.WorkflowInstanceId == workflow.InstanceId ? pointer.TraceId : null);
                    items.Add(Describe(new ResourceOperationRecord(instanceId, resourceId, kind, workflow.InstanceId, workflow.CreatedAt, Generation: generation, TraceId: traceId), workflow));
                }
            }

            if (pointer is not null && items.TrueForAll(i => i.WorkflowInstanceId != pointer.WorkflowInstanceId))
            {
                // Recorded but not started (a pause holds it): it waits.
                items.Add(Describe(pointer, null));
            }

            return items.Count == 0
                ? ApsResults.Error(StatusCodes.Status404NotFound, "NoOperation", $"Resource '{resourceId}' of instance '{instanceId}' has had no operation.")
                : Results.Json(new ConsolePage<ConsoleOperation>([.. items.OrderByDescending(i => i.StartedAt)], null), GatewayJson.Options);
        }, cancellationToken);

    /// <summary>POST /console/api/operations/retry?instance=I&amp;resource=R: starts a failed operation again; 409 when it has not failed.</summary>
    public Task<IResult> RetryAsync(HttpRequest request, IWorkflowClient workflows, CancellationToken cancellationToken) =>
        access.AuthorizedAsync(request, async () =>
        {
            if (Required(request, "instance") is not { } instanceId)
            {
                return MissingInstance();
            }

            if (Required(request, "resource") is not { } resourceId)
            {
                return ApsResults.Error(StatusCodes.Status400BadRequest, "ResourceRequired", "Name the resource whose operation to retry in the 'resource' query parameter.");
            }

            var retry = await phases.RetryAsync(instanceId, resourceId, workflows, cancellationToken).ConfigureAwait(false);
            return retry.Outcome switch
            {
                ApsRetryOutcome.Started => Results.Json(new { message = retry.Message, workflowInstanceId = retry.WorkflowInstanceId }, GatewayJson.Options, statusCode: StatusCodes.Status202Accepted),
                ApsRetryOutcome.NotFound => ApsResults.Error(StatusCodes.Status404NotFound, "NoOperation", retry.Message),
                _ => ApsResults.Error(StatusCodes.Status409Conflict, "NotFailed", retry.Message),
            };
        }, cancellationToken);

    /// <summary>
    /// GET /console/api/tenants?instance=I&amp;next=T&amp;size=N: the instance's tenants known to Partner Center, with
    /// subscriptions, seat limits and the last reconciliation. A tenant whose customer was never created has no
    /// record here; its failed operation is on the operations page.
    /// </summary>
    public Task<IResult> TenantsAsync(HttpRequest request, CancellationToken cancellationToken) =>
        access.AuthorizedAsync(request, async () =>
        {
            if (Required(request, "instance") is not { } instanceId)
            {
                return MissingInstance();
            }

            var store = await records.GetAsync(cancellationToken).ConfigureAwait(false);
            var page = await store.ListPageAsync<CustomerIndexRecord>(RecordKey.CustomerPartition, request.Query["next"].FirstOrDefault(), PageSize(request), cancellationToken)
                .ConfigureAwait(false);
            var items = new List<ConsoleTenant>(page.Records.Count);
            foreach (var entry in page.Records.Where(e => e.Record.InstanceId == instanceId))
            {
                var tenant = await store.GetAsync<TenantRecord>(RecordKey.Tenant(instanceId, entry.Record.TenantApsId), cancellationToken).ConfigureAwait(false);
                if (tenant is not null)
                {
                    var report = await store.GetAsync<ReconciliationReport>(RecordKey.ReconciliationReport(instanceId, entry.Record.TenantApsId), cancellationToken).ConfigureAwait(false);
                    var users = await store.ListAsync<UserRecord>(RecordKey.TenantPartition(instanceId, entry.Record.TenantApsId), cancellationToken).ConfigureAwait(false);
                    var assigned = tenant.Record.Subscriptions.ToDictionary(
                        s => s.ProvisioningId, s => users.Count(u => u.Record.Licenses.Contains(s.ProvisioningId, StringComparer.OrdinalIgnoreCase)), StringComparer.OrdinalIgnoreCase);
                    items.Add(new ConsoleTenant(tenant.Record, assigned, report?.Record));
                }
            }

            return Results.Json(new ConsolePage<ConsoleTenant>(items, page.ContinuationToken), GatewayJson.Options);
        }, cancellationToken);

    /// <summary>
    /// GET /console/api/webhooks?day=yyyy-MM-dd&amp;next=T&amp;size=N: the verified Partner Center events whose change
    /// happened on a day (UTC; today by default), each with what processed it, and the callbacks refused lately.
    /// </summary>
    public Task<IResult> WebhooksAsync(HttpRequest request, IWorkflowClient workflows, CancellationToken cancellationToken) =>
        access.AuthorizedAsync(request, async () =>
        {
            var dayText = request.Query["day"].FirstOrDefault();
            DateOnly day;
            if (string.IsNullOrEmpty(dayText))
            {
                day = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
            }
            else if (!DateOnly.TryParseExact(dayText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out day))
            {
                return ApsResults.Error(StatusCodes.Status400BadRequest, "InvalidDay", $"'{dayText}' is not a day: write it as yyyy-MM-dd, for example 2026-12-07.");
            }

            var page = await ledger.ListAsync(day, request.Query["next"].FirstOrDefault(), PageSize(request), cancellationToken).ConfigureAwait(false);
            var items = new List<ConsoleWebhook>(page.Records.Count);
            foreach (var received in page.Records.Select(r => r.Record))
            {
                var workflowId = Webhooks.PartnerCenterEventDispatch.WorkflowInstanceIdOf(received.EventName, received.EventId);
                var workflow = workflowId is null ? null : await workflows.GetInstanceAsync(workflowId, cancellationToken: cancellationToken).ConfigureAwait(false);
                var processing = workflowId is null ? "woke the provisionings waiting for it"
                    : workflow is null ? "not started" : $"{OperationStatus.Word(workflow.RuntimeStatus)} ({workflowId})";
                items.Add(new ConsoleWebhook(received.EventId, received.EventName, received.ResourceUri, received.ReceivedAt, processing));
            }

            return Results.Json(new ConsoleWebhooks(items, page.ContinuationToken, refusals.Recent()), GatewayJson.Options);
        }, cancellationToken);

    /// <summary>
    /// GET /console/api/trace?id=T: the spans of trace T this process still holds (the APS request, the workflow and
    /// its steps, each Microsoft call), oldest first; an exporter (OTLP, Azure Monitor) keeps them all.
    /// </summary>
    public Task<IResult> TraceAsync(HttpRequest request, CancellationToken cancellationToken) =>
        access.AuthorizedAsync(request, () =>
        {
            var id = request.Query["id"].FirstOrDefault()?.Trim().ToLowerInvariant();
            if (id is not { Length: 32 } || !id.All(char.IsAsciiHexDigit))
            {
                return Task.FromResult(ApsResults.Error(StatusCodes.Status400BadRequest, "InvalidTraceId", "Name the trace in the 'id' query parameter: 32 hexadecimal digits, as the operations page shows it."));
            }

            return Task.FromResult(Results.Json(new { recording = spans.Enabled, spans = spans.Of(id) }, GatewayJson.Options));
        }, cancellationToken);

    /// <summary>
    /// The last operation of <paramref name="resourceId"/> and, when it is a tenant, of each of its users and domains:
    /// "this tenant's operations", which an operator asks for by the tenant's id.
    /// </summary>
    private static async Task<List<StoredRecord<ResourceOperationRecord>>> OperationsOfResourceAsync(
        RecordStore store, string instanceId, string resourceId, CancellationToken cancellationToken)
    {
        var members = new List<string> { resourceId };
        var partition = RecordKey.TenantPartition(instanceId, resourceId);
        members.AddRange((await store.ListAsync<UserRecord>(partition, cancellationToken).ConfigureAwait(false)).Select(u => u.Record.ApsId));
        members.AddRange((await store.ListAsync<DomainRecord>(partition, cancellationToken).ConfigureAwait(false)).Select(d => d.Record.ApsId));
        var operations = new List<StoredRecord<ResourceOperationRecord>>(members.Count);
        foreach (var member in members)
        {
            if (await store.GetAsync<ResourceOperationRecord>(RecordKey.ResourceOperation(instanceId, member), cancellationToken).ConfigureAwait(false) is { } operation)
            {
                operations.Add(operation);
            }
        }

        return operations;
    }

    /// <summary>
    /// The workflows that run or wait to run, counted by the APS instance their id starts with (operations are
    /// <c>{instance}_{resource}_...</c>): one listing for every instance, not one per instance.
    /// </summary>
    private static async Task<Dictionary<string, int>> PendingByInstanceAsync(IWorkflowClient workflows, CancellationToken cancellationToken)
    {
        var pending = new Dictionary<string, int>(StringComparer.Ordinal);
        await foreach (var workflow in workflows.GetAllInstancesAsync(new WorkflowQuery(Running), cancellationToken).ConfigureAwait(false))
        {
            if (workflow.InstanceId.IndexOf('_', StringComparison.Ordinal) is > 0 and var end)
            {
                var instanceId = workflow.InstanceId[..end];
                pending[instanceId] = pending.GetValueOrDefault(instanceId) + 1;
            }
        }

        return pending;
    }

    private static ConsoleOperation Describe(ResourceOperationRecord operation, WorkflowInstance? workflow)
    {
        var progress = workflow?.SerializedCustomStatus is { Length: > 0 } ? workflow.ReadCustomStatusAs<WorkflowProgress>() : null;
        if (workflow?.RuntimeStatus == WorkflowRuntimeStatus.Completed && progress is not null)
        {
            // The status is written as each step starts, so a finished workflow's still names its last step as under way.
            progress = progress with { CompletedSteps = progress.TotalSteps };
        }

        var (failedStep, cause) = ApsPhases.DescribeFailure(workflow?.FailureDetails);
        return new ConsoleOperation(
            operation.InstanceId,
            operation.ResourceId,
            operation.Kind,
            operation.WorkflowInstanceId,
            operation.Generation,
            OperationStatus.Of(workflow),
            operation.StartedAt,
            workflow?.LastUpdatedAt,
            failedStep ?? progress?.Step,
            progress?.CompletedSteps,
            progress?.TotalSteps,
            cause,
            operation.TraceId);
    }

    private async Task<ConsoleRun?> LastCatalogSyncAsync(IWorkflowClient workflows, string instanceId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        foreach (var day in new[] { now, now.AddDays(-1) })
        {
            if (await workflows.GetInstanceAsync(CatalogSync.WorkflowInstanceId(instanceId, day), cancellationToken: cancellationToken).ConfigureAwait(false) is { } run)
            {
                return new ConsoleRun(run.LastUpdatedAt, OperationStatus.Word(run.RuntimeStatus));
            }
        }

        return null;
    }

    private static bool IsId(string id) => id.Length <= 128 && id.All(c => char.IsAsciiLetterOrDigit(c) || c == '-');

    private static string? Required(HttpRequest request, string name) =>
        request.Query[name].FirstOrDefault()?.Trim() is { Length: > 0 } value ? value : null;

    private static IResult MissingInstance() =>
        ApsResults.Error(StatusCodes.Status400BadRequest, "InstanceRequired", "Name the APS instance in the 'instance' query parameter (the instances page lists them).");

    private static int PageSize(HttpRequest request) =>
        int.TryParse(request.Query["size"], NumberStyles.None, CultureInfo.InvariantCulture, out var size) ? Math.Clamp(size, 1, MaxPageSize) : DefaultPageSize;
}
