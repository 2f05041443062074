using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using O365Functions.Core.Consent;
using O365Functions.Core.Jobs;
using O365Functions.Core.State;
using O365Functions.Core.State.Records;
using O365Functions.Core.Workflows;
using O365Functions.Storage.Sqlite;

namespace O365Functions.Tests.Workflows;

/// <summary>The gateway's own workflows, registered the one way both hosts register them, run on the real Durable Task engine.</summary>
public sealed class GatewayJobsOnDurableTests : IDisposable
{
    private readonly DirectoryInfo _data = Directory.CreateTempSubdirectory("o365-durable-jobs-");

    [Theory]
    [InlineData(ConsentStatus.Authenticated)]
    [InlineData(ConsentStatus.ConsentRequired)]
    public async Task VerifyConsent_records_what_the_token_exchange_said(string status)
    {
        var store = new SqliteEntityStore(Path.Combine(_data.FullName, $"{status}.db"));
        using var services = new ServiceCollection()
            .AddSingleton<IEntityStore>(store)
            .AddSingleton<GatewayRecords>()
            .AddSingleton<IConsentExchange>(new AnsweringExchange(new ConsentCheck(status, $"The exchange said {status}.", Rotated: true)))
            .AddSingleton(TimeProvider.System)
            .BuildServiceProvider();
        await using var engine = new DurableTestHostEngine(registrar => GatewayJobs.RegisterWorkflows(registrar, services), NullLoggerFactory.Instance);
        await engine.StartAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));

        var id = await engine.Client.ScheduleNewOrchestrationInstanceAsync(VerifyConsentWorkflow.Name, "instance-1", cancellationToken: timeout.Token);
        var finished = await engine.Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, timeout.Token);
        var records = await services.GetRequiredService<GatewayRecords>().GetAsync();
        var token = await records.GetAsync<TokenMetadataRecord>(RecordKey.TokenMetadata("instance-1"));

        Assert.Equal(WorkflowRuntimeStatus.Completed, finished.RuntimeStatus);
        Assert.Equal(status, finished.ReadOutputAs<ConsentCheck>()!.Status);
        Assert.Equal(status, token!.Record.Status);
        Assert.Equal($"The exchange said {status}.", token.Record.Detail);
        Assert.Equal(status == ConsentStatus.Authenticated, token.Record.LastUsed is not null);
    }

    public void Dispose() => _data.Delete(recursive: true);

    private sealed class AnsweringExchange(ConsentCheck answer) : IConsentExchange
    {
        public Task<ConsentCheck> ExchangeAsync(string instanceId, CancellationToken cancellationToken) => Task.FromResult(answer);
    }
}
