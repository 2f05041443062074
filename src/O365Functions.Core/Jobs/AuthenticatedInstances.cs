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
    /// Returns how many were started and how many instances wait.
    /// </summary>
    public static async Task<(int Started, int Waiting)> StartDailyAsync(
        JobContext context, string workflow, Func<string, DateTimeOffset, string> workflowId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(workflowId);
        var records = await context.Services.Required<GatewayRecords>().GetAsync(cancellationToken).ConfigureAwait(false);
        var (ready, waiting) = await ListAsync(records, cancellationToken).ConfigureAwait(false);
        foreach (var instanceId in ready)
        {
            await context.Workflows.StartWorkflowAsync(workflow, instanceId, new WorkflowStartOptions(workflowId(instanceId, context.UtcNow)), cancellationToken).ConfigureAwait(false);
        }

        return (ready.Count, waiting);
    }
}
