using O365Functions.Local;

if (ApsPackageCommand.TryRun(args, out var exitCode))
{
    return exitCode;
}

if (await SecretsCommand.TryRunAsync(args, Console.In, Console.Out, Console.Error) is { } secretsExitCode)
{
    return secretsExitCode;
}

if (args is ["demo", ..])
{
    return await DemoCommand.RunAsync(args[1..]);
}

LocalGateway.Build(args).Run();
return 0;

/// <summary>The local gateway's entry point; public so that tests can host it with WebApplicationFactory.</summary>
public partial class Program;
