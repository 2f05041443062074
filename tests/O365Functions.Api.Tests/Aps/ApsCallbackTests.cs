using System.Net;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using O365Functions.Core.Callbacks;
using O365Functions.Emulators.Aps;

namespace O365Functions.Api.Tests.Aps;

/// <summary>The gateway calling back to the controller as the instance: reading a resource, writing onto it.</summary>
public sealed class ApsCallbackTests(ApsGatewayFixture fixture) : IClassFixture<ApsGatewayFixture>
{
    private ApsGateway Gateway => fixture.Gateway;

    private CommerceController Callbacks => Gateway.Services.GetRequiredService<CommerceController>();

    [Theory]
    [InlineData(ApsAuthentication.Certificate)]
    [InlineData(ApsAuthentication.OAuth)]
    public async Task The_gateway_reads_and_updates_a_resource_at_the_controller_as_the_instance(ApsAuthentication authentication)
    {
        await using var controller = Gateway.Controller(authentication);
        await controller.StartAsync();
        await controller.InstallAsync(Gateway.Settings());
        var (typeId, created) = await controller.ProvisionAsync("licenseTypes", new JsonObject
        {
            ["name"] = "Office 365 E3",
            ["offerId"] = Guid.NewGuid().ToString(),
            ["provisioningId"] = "E3",
        });
        var context = new ApsCallContext("transaction-7", typeId);

        var read = await Callbacks.GetResourceAsync(controller.InstanceId, typeId, context);
        await Callbacks.UpdateResourceAsync(controller.InstanceId, typeId, new JsonObject { ["name"] = "Microsoft 365 E3" }, context);
        var missing = await Callbacks.GetResourceAsync(controller.InstanceId, Guid.NewGuid().ToString());

        Assert.Equal(HttpStatusCode.OK, created.Status);
        Assert.Equal("E3", read!["provisioningId"]!.GetValue<string>());
        Assert.Equal("Microsoft 365 E3", controller.Resources[typeId]["name"]!.GetValue<string>());
        Assert.Null(missing);
        Assert.All(controller.Calls, call => Assert.True(call.Authenticated));
        Assert.Contains(controller.Calls, call => call is { Method: "PUT", TransactionId: "transaction-7" } && call.ImpersonatedResourceId == typeId);
    }

    [Fact]
    public async Task A_controller_that_cannot_be_reached_surfaces_as_an_error_naming_the_call()
    {
        // Not started: the instance is installed naming a controller URI on which nothing listens.
        await using var controller = Gateway.Controller();
        await controller.InstallAsync(Gateway.Settings());
        var resource = Guid.NewGuid().ToString();

        var error = await Assert.ThrowsAsync<ApsControllerException>(() => Callbacks.GetResourceAsync(controller.InstanceId, resource));

        Assert.Contains("could not be reached", error.Message, StringComparison.Ordinal);
        Assert.Contains(resource, error.Message, StringComparison.Ordinal);
        Assert.True(error.Message.Length < 300, error.Message);
        Assert.Null(error.Status);
    }
}
