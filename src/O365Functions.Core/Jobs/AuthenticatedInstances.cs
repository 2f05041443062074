using O365Functions.Core.Consent;
using O365Functions.Core.State.Records;
using O365Functions.Core.Workflows;

namespace O365Functions.Core.Jobs;

/// <summary>
/// The daily timers' fan-out: the instances whose partner consent holds, and one workflow a day for each. Instances
/// waiting for a token or a new consent are counted, never asked again, since a person must act for them first.
/// </summary>
public static class AuthenticatedInstances
{
    /// <summary>The ids of the installed instances whose last token exchange succeeded, and how many others wait.</summary>
    public static async Task<(IReadOnlySet<string> Ready, int Waiting)> ListAsync(RecordStore records, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(records);
        var ready = new HashSet<string>(StringComparer.Ordinal);
        var waiting = 0;
        foreach (var entry in await records.ListAsync<InstanceIndexRecord>(RecordKey.InstanceIndexPartition, cancellationToken).ConfigureAwait(false))
        {
            if (await ConsentRecords.IsAuthenticatedAsync(records, entry.Record.InstanceId, cancellationToken).ConfigureAwait(false))
            {
                ready.Add(entry.Record.InstanceId);
            }
            else
            {
                waiting++;
            }
        }

        return (ready, waiting);
    }

    /// <summary>
    /// Starts <paramref name="workflow"/> with each authenticated instance's id as input, under the id
    /// <paramref name="workflowId"/> gives for the instance and the day, so a timer that fires twice starts one each.
    /// Returns how many were started now, how many had already run today, and how many instances wait.
    /// </summary>
    public static async Task<DailyStarts> StartDailyAsync(
        JobContext context, string workflow, Func<string, DateTimeOffset, string> workflowId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(workflowId);
        var records = await context.Services.Required<GatewayRecords>().GetAsync(cancellationToken).ConfigureAwait(false);
        var (ready, waiting) = await ListAsync(records, cancellationToken).ConfigureAwait(false);
        var started = 0;
        foreach (var instanceId in ready)
        {
            var id = workflowId(instanceId, context.UtcNow);
            if (await context.Workflows.GetInstanceAsync(id, cancellationToken: cancellationToken).ConfigureAwait(false) is not null)
            {
                continue;
            }

            // A timer firing twice at once may both get here: the start is idempotent, only the count is then one high.
            await context.Workflows.StartWorkflowAsync(workflow, instanceId, new WorkflowStartOptions(id), cancellationToken).ConfigureAwait(false);
            started++;
        }

        return new DailyStarts(started, ready.Count - started, waiting);
    }
}

/// <summary>What a daily timer did.</summary>
/// <param name="Started">Workflows started now.</param>
/// <param name="AlreadyToday">Authenticated instances whose workflow of the day already existed.</param>
/// <param name="Waiting">Instances waiting for a token or a new consent.</param>
public sealed record DailyStarts(int Started, int AlreadyToday, int Waiting);
