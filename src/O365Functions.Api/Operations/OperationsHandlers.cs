using System.Globalization;
using Microsoft.AspNetCore.Http;
using O365Functions.Core.State.Records;
using O365Functions.Core.Workflows;

namespace O365Functions.Api.Operations;

/// <summary>
/// The operator's controls, behind the admin key (the secret <see cref="KeySecretName"/>, sent in
/// <see cref="KeyHeader"/>): pause and resume provisioning, drain (answer once nothing runs), the operations with
/// their status, step and error, and each instance's health. Without the secret the controls are off.
/// </summary>
public sealed class OperationsHandlers(GatewayControl control, GatewayRecords records, OperatorAccess access, TimeProvider time)
{
    /// <summary>The header that carries the admin key.</summary>
    public const string KeyHeader = OperatorAccess.KeyHeader;

    /// <summary>The secret that holds the admin key.</summary>
    public const string KeySecretName = OperatorAccess.KeySecretName;

    private static readonly TimeSpan LongestDrain = TimeSpan.FromMinutes(10);

    /// <summary>POST /operations/pause: new APS work is accepted with 202 and waits.</summary>
    public Task<IResult> PauseAsync(HttpRequest request, CancellationToken cancellationToken) =>
        access.AuthorizedAsync(request, async () => Results.Json(await control.SetAsync(true, request.Query["reason"].FirstOrDefault(), cancellationToken), GatewayJson.Options), cancellationToken);

    /// <summary>POST /operations/resume: waiting work starts at the controller's next poll.</summary>
    public Task<IResult> ResumeAsync(HttpRequest request, CancellationToken cancellationToken) =>
        access.AuthorizedAsync(request, async () => Results.Json(await control.SetAsync(false, null, cancellationToken), GatewayJson.Options), cancellationToken);

    /// <summary>POST /operations/drain?timeoutSeconds=N: 200 once no workflow runs, 202 with the count when the time is up.</summary>
    public Task<IResult> DrainAsync(HttpRequest request, IWorkflowClient workflows, CancellationToken cancellationToken) =>
        access.AuthorizedAsync(request, async () =>
        {
            var timeout = int.TryParse(request.Query["timeoutSeconds"], NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
                ? TimeSpan.FromSeconds(Math.Min(seconds, LongestDrain.TotalSeconds))
                : TimeSpan.FromMinutes(1);
            var started = time.GetUtcNow();
            while (true)
            {
                var running = await CountRunningAsync(workflows, cancellationToken);
                if (running == 0 || time.GetUtcNow() - started >= timeout)
                {
                    return Results.Json(new { running, paused = await control.IsPausedAsync(cancellationToken) }, GatewayJson.Options,
                        statusCode: running == 0 ? StatusCodes.Status200OK : StatusCodes.Status202Accepted);
                }

                await Task.Delay(TimeSpan.FromMilliseconds(250), time, cancellationToken);
            }
        }, cancellationToken);

    /// <summary>GET /operations?status=running|failed: each resource's last operation with its workflow's status, step and error.</summary>
    public Task<IResult> ListAsync(HttpRequest request, IWorkflowClient workflows, CancellationToken cancellationToken) =>
        access.AuthorizedAsync(request, async () =>
        {
            var wanted = request.Query["status"].FirstOrDefault()?.ToLowerInvariant();
            var list = new List<OperationView>();
            var store = await records.GetAsync(cancellationToken);
            foreach (var instance in await store.ListAsync<InstanceIndexRecord>(RecordKey.InstanceIndexPartition, cancellationToken))
            {
                await foreach (var (operation, workflow) in OperationsOfAsync(store, workflows, instance.Record.InstanceId, cancellationToken))
                {
                    var status = OperationStatus.Of(workflow);
                    if (wanted is null or "all" || wanted == status)
                    {
                        list.Add(new OperationView(operation.InstanceId, operation.ResourceId, operation.Kind, operation.WorkflowInstanceId, status, operation.StartedAt,
                            workflow?.SerializedCustomStatus is { Length: > 0 } ? workflow.ReadCustomStatusAs<WorkflowProgress>()?.Step : null,
                            Aps.Phases.ApsPhases.DescribeFailure(workflow?.FailureDetails).Cause)
                        {
                            WorkflowVersion = workflow?.Version,
                            WaitsForNewerRelease = workflow is { IsRunning: true } && WorkflowVersions.Compare(workflow.Version, WorkflowVersions.Current) > 0,
                        });
                    }
                }
            }

            return Results.Json(new { paused = await control.IsPausedAsync(cancellationToken), operations = list }, GatewayJson.Options);
        }, cancellationToken);

    /// <summary>GET /operations/health: whether provisioning is paused, and each instance's token status, last keep-alive and pending work.</summary>
    public Task<IResult> HealthAsync(HttpRequest request, IWorkflowClient workflows, CancellationToken cancellationToken) =>
        access.AuthorizedAsync(request, async () =>
        {
            var store = await records.GetAsync(cancellationToken);
            var instances = new List<object>();
            foreach (var instance in await store.ListAsync<InstanceIndexRecord>(RecordKey.InstanceIndexPartition, cancellationToken))
            {
                var id = instance.Record.InstanceId;
                var token = (await store.GetAsync<TokenMetadataRecord>(RecordKey.TokenMetadata(id), cancellationToken))?.Record;
                var pending = 0;
                await foreach (var (_, workflow) in OperationsOfAsync(store, workflows, id, cancellationToken))
                {
                    pending += workflow is null || workflow.IsRunning ? 1 : 0;
                }

                instances.Add(new
                {
                    instanceId = id,
                    tokenStatus = token?.Status ?? Core.Consent.ConsentStatus.NotAuthenticated,
                    tokenDetail = token?.Detail,
                    lastKeepAlive = token?.LastUsed,
                    lastRotated = token?.LastRotated,
                    pendingOperations = pending,
                });
            }

            var paused = await control.ReadAsync(cancellationToken);
            return Results.Json(new { paused = paused?.Paused == true, pausedSince = paused?.Paused == true ? paused.Since : (DateTimeOffset?)null, instances }, GatewayJson.Options);
        }, cancellationToken);

    /// <summary>Each resource's last operation of the instance, with its workflow (null while a pause holds its start back).</summary>
    private static async IAsyncEnumerable<(ResourceOperationRecord Operation, WorkflowInstance? Workflow)> OperationsOfAsync(
        RecordStore store, IWorkflowClient workflows, string instanceId, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        foreach (var pointer in await store.ListAsync<ResourceOperationRecord>(RecordKey.ResourceOperationPartition(instanceId), cancellationToken))
        {
            yield return (pointer.Record, await workflows.GetInstanceAsync(pointer.Record.WorkflowInstanceId, getInputsAndOutputs: false, cancellationToken));
        }
    }

    private static async Task<int> CountRunningAsync(IWorkflowClient workflows, CancellationToken cancellationToken)
    {
        var running = 0;
        await foreach (var _ in workflows.GetAllInstancesAsync(new WorkflowQuery([WorkflowRuntimeStatus.Running, WorkflowRuntimeStatus.Pending]), cancellationToken))
        {
            running++;
        }

        return running;
    }

    /// <summary>One operation as the list shows it.</summary>
    private sealed record OperationView(
        string InstanceId, string ResourceId, string Kind, string WorkflowInstanceId, string Status, DateTimeOffset StartedAt, string? Step, string? Error)
    {
        /// <summary>The workflow version the operation's instance was created with.</summary>
        public string? WorkflowVersion { get; init; }

        /// <summary>Whether a newer release created it, so it waits until a gateway of that release runs.</summary>
        public bool WaitsForNewerRelease { get; init; }
    }
}
