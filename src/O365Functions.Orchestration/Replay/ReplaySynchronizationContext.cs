namespace O365Functions.Orchestration.Replay;

/// <summary>
/// Runs a workflow's continuations one after another on the thread that replays it, in the order they were posted.
/// Awaits inside workflow code capture this context, so completing a task during replay resumes the workflow here,
/// never on the thread pool: the same history always drives the code through the same path.
/// </summary>
internal sealed class ReplaySynchronizationContext : SynchronizationContext
{
    private readonly Queue<(SendOrPostCallback Callback, object? State)> _pending = new();

    /// <inheritdoc />
    public override void Post(SendOrPostCallback d, object? state) => _pending.Enqueue((d, state));

    /// <inheritdoc />
    public override void Send(SendOrPostCallback d, object? state) =>
        throw new NotSupportedException("Workflow code cannot block on a synchronous send; await the workflow context's tasks instead.");

    /// <inheritdoc />
    public override SynchronizationContext CreateCopy() => this;

    /// <summary>Runs every posted continuation, including those posted while running, until none is left.</summary>
    public void RunPending()
    {
        while (_pending.TryDequeue(out var work))
        {
            work.Callback(work.State);
        }
    }
}
