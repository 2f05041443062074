using Serilog;
using Serilog.Extensions.Logging;
using Serilog.Formatting.Compact;

namespace O365Functions.Local;

/// <summary>
/// The local gateway also writes its log to rolling files under <c>{data}/logs/</c>: one JSON object per line (compact
/// Serilog JSON, scopes as properties, so an operation is found by its APS instance, resource, workflow or
/// correlation id), a file a day, at most 50 MB each and 14 kept. The same filters as the console apply; what the
/// gateway logs never holds a secret (secrets print as <c>***</c>). <c>Logging:Files:Enabled</c> false turns them off.
/// </summary>
internal static class LocalLogFiles
{
    /// <summary>Adds the file log as a logger provider built from the host's final configuration (its data folder).</summary>
    public static IServiceCollection AddLocalLogFiles(this IServiceCollection services) =>
        services.AddSingleton<ILoggerProvider>(provider =>
        {
            var configuration = provider.GetRequiredService<IConfiguration>();
            if (!configuration.GetValue("Logging:Files:Enabled", defaultValue: true))
            {
                return new SerilogLoggerProvider(new LoggerConfiguration().CreateLogger(), dispose: true);
            }

            var files = new LoggerConfiguration()
                .MinimumLevel.Verbose()
                .Enrich.FromLogContext()
                .WriteTo.File(
                    new CompactJsonFormatter(),
                    Path.Combine(LocalDataDirectory.From(configuration), "logs", "gateway-.jsonl"),
                    rollingInterval: RollingInterval.Day,
                    fileSizeLimitBytes: 50L * 1024 * 1024,
                    rollOnFileSizeLimit: true,
                    retainedFileCountLimit: 14,
                    shared: true)
                .CreateLogger();
            return new SerilogLoggerProvider(files, dispose: true);
        });
}
