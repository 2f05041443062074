using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;
using O365Functions.Api;
using O365Functions.Api.Webhooks;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.Services.AddGatewayApi();
builder.Services.AddPartnerCenterWebhooks();
builder.Build().Run();
