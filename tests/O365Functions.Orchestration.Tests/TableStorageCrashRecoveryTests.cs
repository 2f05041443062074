using O365Functions.Core.State;
using O365Functions.Storage.TableStorage;
using O365Functions.Storage.Tests;
using Xunit.Abstractions;

namespace O365Functions.Orchestration.Tests;

public sealed class TableStorageCrashRecoveryTests(AzuriteFixture azurite, ITestOutputHelper output)
    : CrashRecoveryContract(output), IClassFixture<AzuriteFixture>
{
    protected override IEntityStore Store { get; } = new TableStorageEntityStore(azurite.ConnectionString);

    protected override IReadOnlyList<string> HostArguments { get; } = ["--azurite", azurite.TableEndpoint.ToString()];
}
