using O365Functions.Api;

var builder = WebApplication.CreateBuilder(args);
builder.Services.AddGatewayApi();

var app = builder.Build();
app.MapGatewayApi();
app.Run();

/// <summary>The local gateway's entry point; public so that tests can host it with WebApplicationFactory.</summary>
public partial class Program;
