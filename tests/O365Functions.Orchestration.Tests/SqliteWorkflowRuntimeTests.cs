using O365Functions.Core.State;
using O365Functions.Storage.Sqlite;

namespace O365Functions.Orchestration.Tests;

public sealed class SqliteWorkflowRuntimeTests : EmbeddedWorkflowRuntimeContract, IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("o365-runtime-");

    public SqliteWorkflowRuntimeTests()
    {
        Store = new SqliteEntityStore(Path.Combine(_folder.FullName, "gateway.db"));
    }

    protected override IEntityStore Store { get; }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _folder.Delete(recursive: true);
    }
}
