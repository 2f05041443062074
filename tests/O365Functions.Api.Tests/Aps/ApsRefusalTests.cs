using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using O365Functions.Emulators.Aps;

namespace O365Functions.Api.Tests.Aps;

/// <summary>Every request the APS endpoint must refuse, each answered 4xx in the APS shape with nothing changed.</summary>
public sealed class ApsRefusalTests(ApsGatewayFixture fixture) : IClassFixture<ApsGatewayFixture>
{
    private ApsGateway Gateway => fixture.Gateway;

    [Fact]
    public async Task A_controller_presenting_another_certificate_is_refused_and_changes_nothing()
    {
        await using var controller = Gateway.Controller();
        var installed = await controller.InstallAsync(Gateway.Settings());
        await using var impostor = controller.Impostor();
        var changed = installed.Body!.DeepClone().AsObject();
        changed["defaultCountry"] = "CA";

        var read = await impostor.RetrieveAsync("app", controller.InstanceId);
        var configure = await impostor.ConfigureAsync("app", controller.InstanceId, changed);
        var after = await controller.RetrieveAsync("app", controller.InstanceId);

        Assert.Equal(HttpStatusCode.Forbidden, read.Status);
        Assert.Equal(HttpStatusCode.Forbidden, configure.Status);
        Assert.Equal("US", after.Body!["defaultCountry"]!.GetValue<string>());
    }

    [Fact]
    public async Task The_log_line_of_a_refusal_names_the_instance_the_resource_and_the_controllers_transaction()
    {
        await using var controller = Gateway.Controller();
        await controller.InstallAsync(Gateway.Settings());
        await using var impostor = controller.Impostor();
        var transaction = Guid.NewGuid().ToString();

        using var response = await impostor.SendAsync(HttpMethod.Get, $"app/{controller.InstanceId}", null, transactionId: transaction);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var line = Assert.Single(Gateway.Logs.Lines, l => l.Message.Contains("refused", StringComparison.Ordinal) && Equals(l.Scope.GetValueOrDefault("ApsTransactionId"), transaction));
        Assert.Equal(controller.InstanceId, line.Scope["ApsInstanceId"]);
        Assert.Equal(controller.InstanceId, line.Scope["ApsResourceId"]);
        Assert.Equal("app", line.Scope["ApsService"]);
        Assert.Equal("sync", line.Scope["ApsRequestPhase"]);
    }

    [Fact]
    public async Task A_request_without_a_client_certificate_is_refused()
    {
        await using var controller = Gateway.Controller();
        await controller.InstallAsync(Gateway.Settings());
        using var anonymous = Gateway.AnonymousClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, $"app/{controller.InstanceId}");
        request.Headers.Add("APS-Instance-ID", controller.InstanceId);

        using var response = await anonymous.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task An_install_whose_sender_does_not_hold_the_controller_certificate_it_names_is_refused_and_installs_nothing()
    {
        await using var controller = Gateway.Controller();
        using var anonymous = Gateway.AnonymousClient();
        var body = Gateway.Settings();
        body["aps"] = new JsonObject
        {
            ["id"] = controller.InstanceId,
            ["x509"] = new JsonObject { ["self"] = "x", ["controller"] = controller.ControllerCertificate.ExportCertificatePem() },
        };
        using var request = new HttpRequestMessage(HttpMethod.Post, "app") { Content = JsonContent.Create(body) };
        request.Headers.Add("APS-Instance-ID", controller.InstanceId);

        using var response = await anonymous.SendAsync(request);
        var read = await controller.RetrieveAsync("app", controller.InstanceId);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("UnknownInstance", read.Error);
    }

    [Fact]
    public async Task Requests_for_an_unknown_instance_or_without_an_instance_id_are_refused()
    {
        await using var controller = Gateway.Controller();

        var unknown = await controller.RetrieveAsync("app", controller.InstanceId);
        using var anonymous = Gateway.AnonymousClient();
        using var missing = await anonymous.GetAsync($"app/{controller.InstanceId}");

        Assert.Equal(HttpStatusCode.Unauthorized, unknown.Status);
        Assert.Equal("UnknownInstance", unknown.Error);
        Assert.Equal(HttpStatusCode.BadRequest, missing.StatusCode);
        Assert.Contains("MissingInstanceId", await missing.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{\"name\": ", "application/json", HttpStatusCode.BadRequest, "InvalidJson")]
    [InlineData("[1, 2]", "application/json", HttpStatusCode.BadRequest, "InvalidJson")]
    [InlineData("name=E3", "application/x-www-form-urlencoded", HttpStatusCode.UnsupportedMediaType, "UnsupportedMediaType")]
    public async Task Malformed_or_mistyped_bodies_are_refused(string body, string contentType, HttpStatusCode status, string error)
    {
        await using var controller = Gateway.Controller();
        await controller.InstallAsync(Gateway.Settings());

        using var response = await controller.SendContentAsync(HttpMethod.Post, "licenseTypes", new StringContent(body, Encoding.UTF8, contentType));

        Assert.Equal(status, response.StatusCode);
        Assert.Contains(error, await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_body_over_the_limit_is_refused_with_413()
    {
        await using var controller = Gateway.Controller();
        await controller.InstallAsync(Gateway.Settings());
        var oversized = new JsonObject { ["name"] = new string('x', 20_000) };

        using var response = await controller.SendAsync(HttpMethod.Post, "licenseTypes", oversized);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Theory]
    [InlineData("GET", "nothing", HttpStatusCode.NotFound)]
    [InlineData("GET", "tenants/not-a-uuid", HttpStatusCode.NotFound)]
    [InlineData("GET", "tenants/00000000-0000-0000-0000-000000000001/nothing", HttpStatusCode.NotFound)]
    [InlineData("GET", "tenants", HttpStatusCode.MethodNotAllowed)]
    [InlineData("POST", "tenants/00000000-0000-0000-0000-000000000001/disable", HttpStatusCode.MethodNotAllowed)]
    [InlineData("GET", "tenants/00000000-0000-0000-0000-000000000001", HttpStatusCode.NotFound)]
    public async Task Unknown_paths_and_wrong_methods_are_refused(string method, string path, HttpStatusCode status)
    {
        await using var controller = Gateway.Controller();
        await controller.InstallAsync(Gateway.Settings());

        using var response = await controller.SendAsync(new HttpMethod(method), path, null);

        Assert.Equal(status, response.StatusCode);
        Assert.Equal(status, (HttpStatusCode)(await response.Content.ReadFromJsonAsync<JsonObject>())!["code"]!.GetValue<int>());
        if (status == HttpStatusCode.MethodNotAllowed)
        {
            Assert.NotEmpty(response.Content.Headers.Allow);
        }
    }

    [Fact]
    public async Task Bodies_with_undeclared_properties_wrong_types_missing_required_properties_or_no_aps_id_are_refused()
    {
        await using var controller = Gateway.Controller();
        var incomplete = Gateway.Settings();
        incomplete.Remove("applicationSecret");
        incomplete["cloud"] = "mars";
        incomplete["colour"] = "blue";
        var install = await controller.InstallAsync(incomplete);
        await controller.InstallAsync(Gateway.Settings());

        using var noApsId = await controller.SendAsync(HttpMethod.Post, "licenseTypes", new JsonObject { ["name"] = "E3", ["offerId"] = "x", ["provisioningId"] = "E3" });
        using var wrongType = await controller.SendAsync(HttpMethod.Post, "licenseTypes", new JsonObject
        {
            ["aps"] = new JsonObject { ["id"] = Guid.NewGuid().ToString() },
            ["name"] = 5,
            ["offerId"] = "x",
            ["provisioningId"] = "E3",
        });
        var errors = install.Body!["details"]!.AsArray().Select(d => $"{d!["error"]}:{d["field"]}").ToList();

        Assert.Equal(HttpStatusCode.BadRequest, install.Status);
        Assert.Contains("MissingProperty:applicationSecret", errors);
        Assert.Contains("InvalidValue:cloud", errors);
        Assert.Contains("UnknownProperty:colour", errors);
        Assert.Equal(HttpStatusCode.BadRequest, noApsId.StatusCode);
        Assert.Contains("InvalidApsId", await noApsId.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Contains("'name' must be a string", await wrongType.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Custom_endpoints_are_refused_where_the_gateway_does_not_allow_them()
    {
        using var strict = ApsGateway.Start(("Microsoft:AllowCustomEndpoints", "false"));
        await using var controller = strict.Controller();
        var settings = strict.Settings();
        settings["endpoints"] = new JsonObject { ["partnerCenter"] = "https://127.0.0.1:9999" };

        var install = await controller.InstallAsync(settings);
        var read = await controller.RetrieveAsync("app", controller.InstanceId);

        Assert.Equal(HttpStatusCode.BadRequest, install.Status);
        Assert.Equal("CustomEndpointsNotAllowed", install.Body!["details"]![0]!["error"]!.GetValue<string>());
        Assert.Equal("UnknownInstance", read.Error);
    }

    [Fact]
    public async Task Until_the_provider_names_a_controller_to_trust_no_certificate_installs_an_instance_and_the_refusal_says_how()
    {
        using var untrusting = ApsGateway.Start(("Aps:Certificate:ControllerIssuers:0", null));
        await using var controller = untrusting.Controller();
        var thumbprint = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(controller.ControllerCertificate.RawData));

        var install = await controller.InstallAsync(untrusting.Settings());
        var read = await controller.RetrieveAsync("app", controller.InstanceId);

        Assert.Equal(HttpStatusCode.Forbidden, install.Status);
        Assert.Equal("ControllerNotTrusted", install.Error);
        Assert.Contains(thumbprint, install.Message, StringComparison.Ordinal);
        Assert.Contains("Aps:Certificate:AllowedControllerThumbprints", install.Message, StringComparison.Ordinal);
        Assert.Contains("Aps:Certificate:ControllerIssuers", install.Message, StringComparison.Ordinal);
        Assert.Equal("UnknownInstance", read.Error);
    }

    [Fact]
    public async Task A_controller_certificate_the_trusted_authority_did_not_issue_installs_nothing()
    {
        await using var controller = Gateway.Controller();
        await using var selfSigned = controller.Impostor();

        var refused = await selfSigned.InstallAsync(Gateway.Settings());
        var read = await controller.RetrieveAsync("app", controller.InstanceId);

        Assert.Equal(HttpStatusCode.Forbidden, refused.Status);
        Assert.Equal("UnknownInstance", read.Error);
    }

    [Fact]
    public async Task Installs_beyond_the_minutes_budget_are_answered_429_before_anything_is_written()
    {
        using var gateway = ApsGateway.Start(("Aps:InstallsPerMinute", "3"));
        var outcomes = new List<Emulators.Aps.ApsOutcome>();
        for (var i = 0; i < 5; i++)
        {
            await using var controller = gateway.Controller();
            outcomes.Add(await controller.InstallAsync(gateway.Settings()));
        }

        Assert.Equal(3, outcomes.Count(o => o.Status == HttpStatusCode.OK));
        Assert.All(outcomes.Skip(3), o => Assert.Equal((HttpStatusCode.TooManyRequests, "TooManyInstalls"), (o.Status, o.Error)));
        Assert.Contains("Aps:InstallsPerMinute", outcomes[^1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_endpoint_the_provider_did_not_allow_is_refused_even_on_loopback_and_the_emulators_own_is_taken()
    {
        await using var controller = Gateway.Controller();
        var elsewhere = Gateway.Settings();
        elsewhere["endpoints"] = new JsonObject { ["login"] = "http://127.0.0.1:9" };
        var own = Gateway.Settings();
        var emulator = Gateway.Microsoft.BaseUri.GetLeftPart(UriPartial.Authority);
        own["endpoints"] = new JsonObject { ["partnerCenter"] = emulator, ["login"] = emulator };

        var refused = await controller.InstallAsync(elsewhere);
        var taken = await controller.InstallAsync(own);

        Assert.Equal(HttpStatusCode.BadRequest, refused.Status);
        var detail = refused.Body!["details"]!.AsArray().Single()!;
        Assert.Equal(("EndpointNotAllowed", "endpoints.login"), (detail["error"]!.GetValue<string>(), detail["field"]!.GetValue<string>()));
        Assert.Contains("Microsoft:AllowedEndpoints", detail["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, taken.Status);
    }

    [Fact]
    public async Task Twenty_unknown_keys_get_a_short_answer_naming_five_and_counting_the_rest()
    {
        await using var controller = Gateway.Controller();
        await controller.InstallAsync(Gateway.Settings());
        var body = new JsonObject { ["name"] = "E3", ["offerId"] = Guid.NewGuid().ToString(), ["provisioningId"] = "E3" };
        foreach (var key in "abcdefghijklmnopqrst")
        {
            body[key.ToString()] = 1;
        }

        using var response = await controller.SendAsync(HttpMethod.Post, "licenseTypes", body);
        var text = await response.Content.ReadAsStringAsync();
        var details = JsonNode.Parse(text)!["details"]!.AsArray();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True(text.Length < 2048, $"The answer is {text.Length} characters long.");
        Assert.Equal(["a", "b", "c", "d", "e", "body"], details.Select(d => d!["field"]!.GetValue<string>()));
        Assert.Contains("15 more properties", details[^1]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Contains("provisioningId", details[0]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_instance_is_refused_before_its_body_is_read()
    {
        await using var stranger = Gateway.Controller();
        var deep = new StringBuilder();
        deep.Append(new string('[', 10_000)).Append(new string(']', 10_000));

        using var response = await stranger.SendContentAsync(HttpMethod.Post, "tenants", new StringContent(deep.ToString(), Encoding.UTF8, "application/json"));
        var body = await response.Content.ReadFromJsonAsync<JsonObject>();

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("UnknownInstance", body!["error"]!.GetValue<string>());
    }

    [Fact]
    public async Task OAuth_requests_with_a_wrong_secret_a_replayed_nonce_or_a_stale_timestamp_are_refused()
    {
        await using var controller = Gateway.Controller(ApsAuthentication.OAuth);
        await controller.InstallAsync(Gateway.Settings());
        await using var impostor = controller.Impostor(consumerSecret: "guessed");
        var path = $"app/{controller.InstanceId}";
        var stamp = DateTimeOffset.UtcNow;

        var forged = await impostor.RetrieveAsync("app", controller.InstanceId);
        using var first = await controller.SendAsync(HttpMethod.Get, path, null, nonce: "n-1", timestamp: stamp);
        using var replayed = await controller.SendAsync(HttpMethod.Get, path, null, nonce: "n-1", timestamp: stamp);
        using var stale = await controller.SendAsync(HttpMethod.Get, path, null, timestamp: stamp.AddMinutes(-30));

        Assert.Equal(HttpStatusCode.Unauthorized, forged.Status);
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, replayed.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, stale.StatusCode);
    }

    [Theory]
    [InlineData(new byte[] { 0xFF, 0xFE })]
    [InlineData(new byte[] { (byte)'\\', (byte)'u', (byte)'D', (byte)'8', (byte)'0', (byte)'0' })]
    public async Task Invalid_UTF8_or_a_lone_surrogate_in_a_string_is_refused_naming_the_property_before_and_after_install(byte[] inside)
    {
        await using var controller = Gateway.Controller();
        using var install = await controller.SendContentAsync(HttpMethod.Post, "app", Json("defaultCountry", inside));
        var installError = await install.Content.ReadFromJsonAsync<JsonObject>();
        await controller.InstallAsync(Gateway.Settings());
        using var type = await controller.SendContentAsync(HttpMethod.Post, "licenseTypes", Json("name", inside));
        var typeError = await type.Content.ReadFromJsonAsync<JsonObject>();

        Assert.Equal(HttpStatusCode.BadRequest, install.StatusCode);
        Assert.Equal("InvalidText", installError!["error"]!.GetValue<string>());
        Assert.Contains("$.defaultCountry", installError["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.BadRequest, type.StatusCode);
        Assert.Equal("InvalidText", typeError!["error"]!.GetValue<string>());
        Assert.Contains("$.name", typeError["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    private static ByteArrayContent Json(string property, byte[] inside)
    {
        var body = Encoding.UTF8.GetBytes($"{{\"{property}\":\"").Concat(inside).Concat(Encoding.UTF8.GetBytes("\"}")).ToArray();
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        return content;
    }
}
