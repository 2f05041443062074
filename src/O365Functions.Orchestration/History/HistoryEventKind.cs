namespace O365Functions.Orchestration.History;

/// <summary>What a history event records. The set is Durable Task's history event types that the runtime needs.</summary>
internal enum HistoryEventKind
{
    /// <summary>The instance was scheduled with its name and input.</summary>
    ExecutionStarted,

    /// <summary>A step began; its timestamp is the workflow's current time for that step.</summary>
    OrchestratorStarted,

    /// <summary>The workflow called an activity.</summary>
    TaskScheduled,

    /// <summary>An activity returned.</summary>
    TaskCompleted,

    /// <summary>An activity threw.</summary>
    TaskFailed,

    /// <summary>The workflow created a durable timer.</summary>
    TimerCreated,

    /// <summary>A durable timer came due.</summary>
    TimerFired,

    /// <summary>A client raised an external event.</summary>
    EventRaised,

    /// <summary>A client asked for the instance to stop.</summary>
    ExecutionTerminated,

    /// <summary>The workflow finished, with an output or a failure.</summary>
    ExecutionCompleted,
}
