using System.Net;

namespace O365Functions.Api.Tests.Aps;

/// <summary>The interactive consent: the link from <c>authenticate</c>, the emulator's consent page, and the gateway's callback.</summary>
public sealed class ApsConsentTests(ApsGatewayFixture fixture) : IClassFixture<ApsGatewayFixture>
{
    private ApsGateway Gateway => fixture.Gateway;

    [Fact]
    public async Task A_consent_link_leads_through_Microsofts_page_to_an_authenticated_instance_and_works_once()
    {
        await using var controller = Gateway.Controller();
        await controller.InstallAsync(Gateway.Settings());

        var link = await controller.OperationAsync(HttpMethod.Post, "app", controller.InstanceId, "authenticate");
        var url = new Uri(link.Body!["url"]!.GetValue<string>());
        using var browser = Gateway.AnonymousClient();
        using var consentPage = await browser.GetAsync(url);
        var callback = consentPage.Headers.Location!;
        using var answered = await browser.GetAsync(callback);
        var page = await answered.Content.ReadAsStringAsync();
        var read = await controller.RetrieveAsync("app", controller.InstanceId);
        using var again = await browser.GetAsync(callback);

        Assert.Equal(HttpStatusCode.OK, link.Status);
        Assert.Equal(Gateway.Microsoft.BaseUri.Authority, url.Authority);
        Assert.Equal($"/{Gateway.Microsoft.Options.PartnerTenantId}/oauth2/authorize", url.AbsolutePath);
        Assert.Contains(Uri.EscapeDataString(new Uri(Gateway.Endpoint, "/consent/callback").AbsoluteUri), url.Query, StringComparison.OrdinalIgnoreCase);
        Assert.Equal(HttpStatusCode.Redirect, consentPage.StatusCode);
        Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
        Assert.Contains("multi-factor", page, StringComparison.Ordinal);
        Assert.Equal("authenticated", read.Body!["authenticationStatus"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Contains("already used", await again.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_consent_given_without_multi_factor_authentication_is_refused_and_stores_nothing()
    {
        await using var controller = Gateway.Controller();
        await controller.InstallAsync(Gateway.Settings());
        var link = await controller.OperationAsync(HttpMethod.Post, "app", controller.InstanceId, "authenticate");
        using var browser = Gateway.AnonymousClient();
        using var consentPage = await browser.GetAsync(new Uri(link.Body!["url"]!.GetValue<string>()));
        Gateway.Microsoft.Options.ConsentWithMultiFactor = false;
        try
        {
            using var answered = await browser.GetAsync(consentPage.Headers.Location!);
            var read = await controller.RetrieveAsync("app", controller.InstanceId);

            Assert.Equal(HttpStatusCode.BadRequest, answered.StatusCode);
            Assert.Contains("without multi-factor authentication", await answered.Content.ReadAsStringAsync(), StringComparison.Ordinal);
            Assert.Equal("consentRequired", read.Body!["authenticationStatus"]!.GetValue<string>());
            Assert.Contains("MFA", read.Body["authenticationMessage"]!.GetValue<string>(), StringComparison.Ordinal);
        }
        finally
        {
            Gateway.Microsoft.Options.ConsentWithMultiFactor = true;
        }
    }

    [Theory]
    [InlineData("/consent/callback")]
    [InlineData("/consent/callback?code=abc&state=never-issued")]
    [InlineData("/consent/callback?error=access_denied&error_description=The+admin+declined")]
    public async Task A_callback_without_a_live_state_is_refused(string path)
    {
        using var browser = Gateway.AnonymousClient();

        using var answered = await browser.GetAsync(new Uri(Gateway.Endpoint, path));

        Assert.Equal(HttpStatusCode.BadRequest, answered.StatusCode);
    }
}
