using O365Functions.Core.State;
using O365Functions.Storage.Sqlite;
using Xunit.Abstractions;

namespace O365Functions.Orchestration.Tests;

public sealed class SqliteCrashRecoveryTests : CrashRecoveryContract, IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("o365-crash-");

    public SqliteCrashRecoveryTests(ITestOutputHelper output)
        : base(output)
    {
        var path = Path.Combine(_folder.FullName, "gateway.db");
        Store = new SqliteEntityStore(path);
        HostArguments = ["--sqlite", path];
    }

    protected override IEntityStore Store { get; }

    protected override IReadOnlyList<string> HostArguments { get; }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _folder.Delete(recursive: true);
    }
}
