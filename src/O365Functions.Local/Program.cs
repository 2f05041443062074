using O365Functions.Local;
using O365Functions.Api;
using O365Functions.Local.Http;
using O365Functions.Local.Microsoft;
using O365Functions.Local.Workflows;

if (ApsPackageCommand.TryRun(args, out var exitCode))
{
    return exitCode;
}

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddGatewayApi();
builder.Services.AddLocalHttpHardening();
builder.Services.AddLocalApsSecurity(builder.Configuration);
builder.Services.AddMicrosoftSide(builder.Configuration);
builder.Services.AddLocalWorkflows(builder.Configuration);

var app = builder.Build();
app.UseLocalHttpHardening();
app.WarnWhenApsIsInsecure();
app.MapGatewayApi();
app.MapPartnerCenterWebhooks();
app.Run();
return 0;

/// <summary>The local gateway's entry point; public so that tests can host it with WebApplicationFactory.</summary>
public partial class Program;
