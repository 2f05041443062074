using O365Functions.Benchmarks;

return args switch
{
    ["store", .. var rest] => await StoreBenchmark.RunAsync(rest),
    _ => Usage(),
};

static int Usage()
{
    Console.Error.WriteLine("usage: store [--azurite-port N]   (SQLite always; Table Storage when an Azurite port is given)");
    return 2;
}
