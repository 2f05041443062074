using O365Functions.Core.Workflows;
using O365Functions.Orchestration.Dispatch;
using O365Functions.Orchestration.History;
using O365Functions.Orchestration.Storage;

namespace O365Functions.Orchestration.Tests;

/// <summary>
/// The runtime's memory of the instances it runs: a step may skip the store only when nothing reached the store
/// inbox since the snapshot was taken, and an activity outcome held in memory stays until a step consumed it.
/// </summary>
public sealed class WarmInstancesTests
{
    private const string Id = "order-1";
    private static readonly DateTime At = new(2026, 12, 1, 0, 0, 0, DateTimeKind.Utc);

    [Fact]
    public void A_delivered_outcome_is_handed_to_the_next_step_until_a_step_consumed_it()
    {
        var warm = new WarmInstances();
        warm.Deliver(Id, Outcome(0));

        var first = warm.Take(Id);
        warm.Settle(Id, first.Epoch, outcomesConsumed: 0, after: null);
        var second = warm.Take(Id);
        warm.Settle(Id, second.Epoch, outcomesConsumed: 1, after: Snapshot(episodes: 2));
        var third = warm.Take(Id);

        Assert.Equal([0], first.Outcomes.Select(o => o.TaskId));
        Assert.Equal([0], second.Outcomes.Select(o => o.TaskId));
        Assert.Empty(third.Outcomes);
        Assert.Equal(2, third.Snapshot!.State.Episodes);
    }

    [Fact]
    public void An_outcome_delivered_during_a_step_outlives_that_step()
    {
        var warm = new WarmInstances();
        warm.Deliver(Id, Outcome(0));
        var step = warm.Take(Id);

        warm.Deliver(Id, Outcome(1));
        warm.Settle(Id, step.Epoch, outcomesConsumed: step.Outcomes.Count, after: Snapshot(episodes: 2));

        Assert.Equal([1], warm.Take(Id).Outcomes.Select(o => o.TaskId));
    }

    [Fact]
    public void A_store_message_during_a_step_keeps_the_step_from_caching_what_it_committed()
    {
        var warm = new WarmInstances();
        warm.Created(Snapshot(episodes: 1).State, [], warm.Invalidations);
        var step = warm.Take(Id);
        Assert.NotNull(step.Snapshot);

        warm.Invalidate(Id);
        warm.Settle(Id, step.Epoch, outcomesConsumed: 0, after: Snapshot(episodes: 2));

        Assert.Null(warm.Take(Id).Snapshot);
    }

    [Fact]
    public void A_new_instance_is_not_cached_when_a_store_message_may_have_reached_it_while_it_was_written()
    {
        var warm = new WarmInstances();
        var before = warm.Invalidations;

        warm.Invalidate(Id);
        warm.Created(Snapshot(episodes: 1).State, [], before);

        Assert.Null(warm.Take(Id).Snapshot);
    }

    [Fact]
    public void Snapshots_beyond_the_capacity_are_not_kept_but_outcomes_are()
    {
        var warm = new WarmInstances();
        for (var i = 0; i < WarmInstances.Capacity; i++)
        {
            warm.Created(Snapshot(episodes: 1, id: $"order-{i}").State, [], warm.Invalidations);
        }

        warm.Created(Snapshot(episodes: 1, id: "one-too-many").State, [], warm.Invalidations);
        warm.Deliver("one-too-many", Outcome(0));
        var start = warm.Take("one-too-many");

        Assert.Null(start.Snapshot);
        Assert.Single(start.Outcomes);
        Assert.NotNull(warm.Take("order-0").Snapshot);
    }

    [Fact]
    public void A_removed_instance_frees_its_place_and_forgets_its_outcomes()
    {
        var warm = new WarmInstances();
        warm.Created(Snapshot(episodes: 1).State, [], warm.Invalidations);
        warm.Deliver(Id, Outcome(0));

        warm.Remove(Id);
        var start = warm.Take(Id);

        Assert.Null(start.Snapshot);
        Assert.Empty(start.Outcomes);
    }

    private static HistoryEvent Outcome(int taskId) => new(HistoryEventKind.TaskCompleted, At) { TaskId = taskId, MessageId = $"task-{taskId}" };

    private static InstanceSnapshot Snapshot(int episodes, string id = Id) => new(
        new InstanceState
        {
            InstanceId = id,
            Name = "Order",
            Status = WorkflowRuntimeStatus.Running,
            CreatedAt = At,
            LastUpdatedAt = At,
            Episodes = episodes,
        },
        [],
        []);
}
