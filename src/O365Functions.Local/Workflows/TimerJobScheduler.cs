using NCrontab;
using O365Functions.Core.Jobs;
using O365Functions.Core.Workflows;

namespace O365Functions.Local.Workflows;

/// <summary>
/// Runs each of <see cref="GatewayJobs.Timers"/> on its six-field NCrontab schedule (the syntax and library Azure
/// Functions timers use), read from the same setting as on Azure. A failing run is logged and the next one is kept.
/// </summary>
internal sealed partial class TimerJobScheduler(
    IServiceProvider services, IWorkflowClient workflows, IConfiguration configuration, TimeProvider time, ILogger<TimerJobScheduler> logger) : BackgroundService
{
    private static readonly CrontabSchedule.ParseOptions WithSeconds = new() { IncludingSeconds = true };

    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        Task.WhenAll(GatewayJobs.Timers.Select(job => RunOnScheduleAsync(job, Schedule(job), stoppingToken)));

    /// <summary>The job's schedule from its setting, or its default; a malformed setting stops the gateway at start with its name.</summary>
    internal CrontabSchedule Schedule(TimerJob job)
    {
        var expression = configuration[job.ScheduleSetting] ?? job.DefaultSchedule;
        return CrontabSchedule.TryParse(expression, WithSeconds)
            ?? throw new InvalidOperationException(
                $"The setting {job.ScheduleSetting} ('{expression}') is not a six-field NCrontab schedule (seconds minutes hours day month weekday), for example '{job.DefaultSchedule}'.");
    }

    private async Task RunOnScheduleAsync(TimerJob job, CrontabSchedule schedule, CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var now = time.GetUtcNow();
            var next = new DateTimeOffset(schedule.GetNextOccurrence(now.UtcDateTime), TimeSpan.Zero);
            try
            {
                await Task.Delay(next - now, time, stoppingToken);
                await job.Run(new JobContext(services, workflows, time.GetUtcNow()), stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                LogJobFailed(ex, job.Name);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "The timer job {Job} failed; it runs again at its next scheduled time.")]
    private partial void LogJobFailed(Exception exception, string job);
}
