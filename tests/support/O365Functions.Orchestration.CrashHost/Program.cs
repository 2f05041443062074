using O365Functions.Orchestration;
using O365Functions.Orchestration.CrashHost;
using O365Functions.Storage.Sqlite;

if (args.Length != 1)
{
    Console.Error.WriteLine("usage: O365Functions.Orchestration.CrashHost <sqlite-file>");
    return 2;
}

var store = new SqliteEntityStore(args[0]);
await using var runtime = new EmbeddedWorkflowRuntime(store, CrashWorkload.CreateRegistry(store), CrashWorkload.Options());
await runtime.StartAsync();
Console.WriteLine("started");
await Task.Delay(Timeout.Infinite);
return 0;
