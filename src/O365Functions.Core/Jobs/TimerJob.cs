namespace O365Functions.Core.Jobs;

/// <summary>
/// Work the gateway does on a schedule. The Functions app runs it from a timer trigger, the local gateway from its
/// own scheduler; both read the schedule from the same setting.
/// </summary>
/// <param name="Name">The job's name, and the Functions app's function name.</param>
/// <param name="ScheduleSetting">The setting holding the six-field NCrontab schedule (seconds first), as Azure Functions timers read it.</param>
/// <param name="DefaultSchedule">The schedule the local gateway uses when the setting is absent.</param>
/// <param name="Run">The job itself.</param>
public sealed record TimerJob(string Name, string ScheduleSetting, string DefaultSchedule, Func<JobContext, CancellationToken, Task> Run);
