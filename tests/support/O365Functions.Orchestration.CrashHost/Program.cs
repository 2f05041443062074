using O365Functions.Core.State;
using O365Functions.Orchestration;
using O365Functions.Orchestration.CrashHost;
using O365Functions.Storage.Sqlite;
using O365Functions.Storage.TableStorage;

IEntityStore? store = args switch
{
    ["--sqlite", var path] => new SqliteEntityStore(path),
    ["--azurite", var endpoint] => new TableStorageEntityStore(DevelopmentStorage.ConnectionString(new Uri(endpoint))),
    _ => null,
};
if (store is null)
{
    Console.Error.WriteLine("usage: O365Functions.Orchestration.CrashHost --sqlite <file> | --azurite <table endpoint>");
    return 2;
}

await using var runtime = new EmbeddedWorkflowRuntime(store, CrashWorkload.CreateRegistry(store, announce: true), CrashWorkload.Options());
await runtime.StartAsync();
Console.WriteLine("started");
await Task.Delay(Timeout.Infinite);
return 0;
