using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;
using O365Functions.FunctionApp.Hosting;

var builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.Services.AddAzureGateway(builder.Configuration);
builder.Build().Run();
