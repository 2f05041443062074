using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;
using O365Functions.Api;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.Services.AddGatewayApi();
builder.Build().Run();
