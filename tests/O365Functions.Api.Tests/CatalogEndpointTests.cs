using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;

namespace O365Functions.Api.Tests;

public sealed class CatalogEndpointTests(GatewayFactory factory) : IClassFixture<GatewayFactory>
{
    private readonly HttpClient _client = factory.CreateClient();

    [Fact]
    public async Task Health_reports_healthy()
    {
        var health = await _client.GetFromJsonAsync<JsonElement>("/health");

        Assert.Equal("healthy", health.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Catalog_serves_the_starter_offers_with_their_relations()
    {
        var catalog = await _client.GetFromJsonAsync<JsonElement>("/catalog");

        var licenses = catalog.GetProperty("licenseTypes").EnumerateArray().ToDictionary(e => e.GetProperty("provisioningId").GetString()!);
        var addons = catalog.GetProperty("addonTypes").EnumerateArray().ToDictionary(e => e.GetProperty("provisioningId").GetString()!);
        Assert.Equal(["ENTERPRISEPACK", "MCOSTANDARD", "O365_BUSINESS_PREMIUM", "STANDARDPACK"], licenses.Keys.Order());
        Assert.Equal(["ATP_ENTERPRISE", "EXCHANGEARCHIVE_ADDON", "MCOEV", "SHAREPOINTSTORAGE"], addons.Keys.Order());
        Assert.Equal("c0bd2e08-11ac-4836-bdc7-3712e744922f", licenses["O365_BUSINESS_PREMIUM"].GetProperty("trialOfferId").GetString());
        Assert.Equal(["ENTERPRISEPACK"], licenses["STANDARDPACK"].GetProperty("possibleUpgrades").EnumerateArray().Select(e => e.GetString()));
        Assert.False(addons["SHAREPOINTSTORAGE"].GetProperty("assignableToUsers").GetBoolean());
        Assert.Equal(
            ["MCOSTANDARD", "STANDARDPACK", "ENTERPRISEPACK"],
            addons["MCOEV"].GetProperty("possibleParentOffers").EnumerateArray().Select(e => e.GetString()));
    }

    [Fact]
    public async Task Plan_orders_parents_first_and_leaves_out_zero_limits()
    {
        var response = await PostPlan("""{"licenses":{"EXCHANGEARCHIVE_ADDON":{"limit":3},"O365_BUSINESS_PREMIUM":{"limit":10},"ATP_ENTERPRISE":{"limit":0}}}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var plan = await response.Content.ReadFromJsonAsync<JsonElement>();
        var purchases = plan.GetProperty("purchases").EnumerateArray().ToList();
        Assert.Equal(["O365_BUSINESS_PREMIUM", "EXCHANGEARCHIVE_ADDON"], purchases.Select(p => p.GetProperty("provisioningId").GetString()));
        Assert.Equal("O365_BUSINESS_PREMIUM", purchases[1].GetProperty("parentProvisioningId").GetString());
        Assert.Equal(3, purchases[1].GetProperty("quantity").GetInt32());
    }

    [Fact]
    public async Task Plan_with_a_missing_ancestor_is_an_aps_error_naming_it()
    {
        var response = await PostPlan("""{"licenses":{"SHAREPOINTSTORAGE":{"limit":5}}}""");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(400, error.GetProperty("code").GetInt32());
        Assert.Equal("InvalidOrder", error.GetProperty("error").GetString());
        Assert.Contains("'O365_BUSINESS_PREMIUM'", error.GetProperty("message").GetString(), StringComparison.Ordinal);
        var detail = Assert.Single(error.GetProperty("details").EnumerateArray());
        Assert.Equal("licenses.SHAREPOINTSTORAGE", detail.GetProperty("field").GetString());
        Assert.Equal("missingAncestor", JsonNamingPolicy.CamelCase.ConvertName(detail.GetProperty("error").GetString()!));
    }

    [Theory]
    [InlineData("""{"licenses":""", "InvalidJson")]
    [InlineData("""{}""", "MissingLicenses")]
    [InlineData("""{"licenses":{}}""", "MissingLicenses")]
    [InlineData("""{"licenses":{"O365_BUSINESS_PREMIUM":{"limit":"ten"}}}""", "InvalidJson")]
    public async Task Malformed_plan_requests_say_what_to_send(string body, string expectedError)
    {
        var response = await PostPlan(body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(expectedError, error.GetProperty("error").GetString());
        Assert.Contains("\"licenses\"", error.GetProperty("message").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Plan_request_that_is_not_json_is_refused_as_unsupported_media()
    {
        var response = await _client.PostAsync(new Uri("/catalog/plan", UriKind.Relative), new StringContent("licenses=1", Encoding.UTF8, "text/plain"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
    }

    private Task<HttpResponseMessage> PostPlan(string json) =>
        _client.PostAsync(new Uri("/catalog/plan", UriKind.Relative), new StringContent(json, Encoding.UTF8, "application/json"));
}
