using O365Functions.Api;
using O365Functions.Api.Hosting;
using O365Functions.Local.Http;
using O365Functions.Local.MicrosoftSide;
using O365Functions.Local.Workflows;

namespace O365Functions.Local;

/// <summary>The local gateway's wiring, one place for the server and the demo.</summary>
internal static class LocalGateway
{
    /// <summary>The gateway as configured by <paramref name="args"/> (and appsettings, environment), ready to run.</summary>
    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.Services.AddGatewayDefaults(builder.Configuration);
        builder.Services.AddLocalLogFiles();
        builder.Services.AddGatewayApi();
        builder.Services.AddLocalHttpHardening();
        builder.Services.AddLocalApsSecurity(builder.Configuration);
        builder.Services.AddMicrosoftSide(builder.Configuration);
        builder.Services.AddLocalWorkflows(builder.Configuration);

        var app = builder.Build();
        app.UseLocalHttpHardening();
        app.WarnWhenApsIsInsecure();
        app.AnnounceConsole();
        app.MapGatewayApi();
        app.MapPartnerCenterWebhooks();
        return app;
    }
}
