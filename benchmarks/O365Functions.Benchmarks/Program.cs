using O365Functions.Benchmarks;

if (args is [not ("-h" or "--help"), ..])
{
    MachineReport.Print();
}

return args switch
{
    ["store", .. var rest] => await StoreBenchmark.RunAsync(rest),
    ["workflows", .. var rest] => await WorkflowBenchmark.RunAsync(rest),
    ["partner-center", .. var rest] => await PartnerCenterBenchmark.RunAsync(rest),
    ["http-load", .. var rest] => await HttpLoadBenchmark.RunAsync(rest),
    ["engines", .. var rest] => await EngineRatioBenchmark.RunAsync(rest),
    ["aps-sync", .. var rest] => await ApsSyncBenchmark.RunAsync(rest),
    ["tracing-cost", .. var rest] => await TracingCostBenchmark.RunAsync(rest),
    ["console", .. var rest] => await ConsoleBenchmark.RunAsync(rest),
    ["tenants", .. var rest] => await TenantBenchmark.RunAsync(rest),
    ["limits-events", .. var rest] => await LimitsEventBenchmark.RunAsync(rest),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: store [--azurite-port N]   (SQLite always; Table Storage when an Azurite port is given)");
    Console.Error.WriteLine("       workflows [--orchestrations N]   (embedded runtime on SQLite; 500 orchestrations by default)");
    Console.Error.WriteLine("       partner-center [--budget B]   (client overhead, then a burst of 2B calls under a budget of B a minute; 300 by default)");
    Console.Error.WriteLine("       engines [--orchestrations N] [--rounds R] [--embedded-orchestrators W]   (embedded on SQLite against the Durable test host; run-engines.sh)");
    Console.Error.WriteLine("       http-load [--url U] [--clients N] [--seconds S] [--body JSON]   (a running gateway; run-http-load.sh starts one)");
    Console.Error.WriteLine("       aps-sync [--clients N] [--seconds S] [--rate R] [--no-workflows]   (APS sync-phase answers on the local gateway over HTTPS: validation, workflow start, 202; --rate paces all clients to R requests/s; --no-workflows answers 202 without starting one)");
    Console.Error.WriteLine("       tracing-cost [--rounds R] [--clients N] [--seconds S]   (aps-sync back to back with spans off and on, alternating; the throughput tracing costs)");
    Console.Error.WriteLine("       console [--tenants N] [--operations M] [--requests R]   (each console page's data over a store of N tenants and M operations: 10,000 and 100,000 by default)");
    Console.Error.WriteLine("       tenants [--tenants N] [--concurrency C]   (new tenants end to end through the APS controller emulator, the local gateway and its Microsoft emulator: tenants a minute, Partner Center calls per tenant)");
    Console.Error.WriteLine("       limits-events [--tenants N] [--rate R] [--seconds S]   (Commerce's limits-changed events paced to R a second on the local gateway: answer latency, seats caught up, Partner Center calls of an event-driven change against a configure)");
    return 2;
}
