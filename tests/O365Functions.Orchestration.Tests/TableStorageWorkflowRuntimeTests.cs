using O365Functions.Core.State;
using O365Functions.Storage.TableStorage;
using O365Functions.Storage.Tests;

namespace O365Functions.Orchestration.Tests;

public sealed class TableStorageWorkflowRuntimeTests(AzuriteFixture azurite) : EmbeddedWorkflowRuntimeContract, IClassFixture<AzuriteFixture>
{
    protected override IEntityStore Store { get; } = new TableStorageEntityStore(azurite.ConnectionString);
}
