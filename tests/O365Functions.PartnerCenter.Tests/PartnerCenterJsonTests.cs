using System.Net;
using System.Text.Json;
using O365Functions.PartnerCenter.Http;
using O365Functions.PartnerCenter.Models;

namespace O365Functions.PartnerCenter.Tests;

public sealed class PartnerCenterJsonTests
{
    [Theory]
    [InlineData("\"one_time\"", BillingCycle.OneTime)]
    [InlineData("\"OneTime\"", BillingCycle.OneTime)]
    [InlineData("\"MONTHLY\"", BillingCycle.Monthly)]
    [InlineData("2", BillingCycle.Annual)]
    [InlineData("\"quadrennial\"", BillingCycle.Unknown)]
    [InlineData("99", BillingCycle.Unknown)]
    public void Enums_read_in_any_spelling_and_unknown_values_read_as_unknown(string json, BillingCycle expected) =>
        Assert.Equal(expected, JsonSerializer.Deserialize<BillingCycle>(json, PartnerCenterJson.Options));

    [Fact]
    public void Enums_are_written_in_lower_snake_case_and_names_in_camel_case()
    {
        var json = JsonSerializer.Serialize(new CartLineItem { CatalogItemId = "A:B:C", BillingCycle = BillingCycle.OneTime }, PartnerCenterJson.Options);

        Assert.Contains("\"billingCycle\":\"one_time\"", json, StringComparison.Ordinal);
        Assert.Contains("\"catalogItemId\":\"A:B:C\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Responses_are_read_whatever_the_casing_of_their_names()
    {
        var subscription = JsonSerializer.Deserialize<Subscription>(
            """{"ID":"s1","Quantity":"4","STATUS":"Suspended","Attributes":{"Etag":"e1","ObjectType":"Subscription"}}""", PartnerCenterJson.Options)!;

        Assert.Equal(("s1", 4, SubscriptionStatus.Suspended, "e1"), (subscription.Id, subscription.Quantity, subscription.Status, subscription.Attributes!.Etag));
    }

    [Theory]
    [InlineData("""{"code":27009,"description":"parent not active","data":[],"source":"PartnerFD"}""", "27009", "parent not active")]
    [InlineData("""{"code":"2030","description":"country"}""", "2030", "country")]
    [InlineData("""{"code":1,"message":"the generic text","description":"the specific text"}""", "1", "the specific text")]
    [InlineData("""{"statusCode":429,"message":"Rate limit is exceeded. Try again in 57 seconds."}""", null, "Rate limit is exceeded. Try again in 57 seconds.")]
    [InlineData("<html>Bad gateway</html>", null, "<html>Bad gateway</html>")]
    public void Both_error_shapes_become_a_typed_exception(string body, string? code, string description)
    {
        var request = new PartnerCenterRequest(HttpMethod.Post, "v1/customers");

        var failure = PartnerCenterTransport.Failure(request, HttpStatusCode.Conflict, body);

        Assert.Equal(code, failure.ErrorCode);
        Assert.Equal(description, failure.Description);
        Assert.Equal(request.RequestId.ToString(), failure.RequestId);
    }

    [Fact]
    public void A_cart_error_code_reads_as_a_number_or_a_string()
    {
        var result = JsonSerializer.Deserialize<CartCheckoutResult>(
            """{"orders":[],"orderErrors":[{"orderGroupId":"0","code":10001,"description":"bad id"},{"orderGroupId":"1","code":"InvalidInput"}]}""",
            PartnerCenterJson.Options)!;

        Assert.Equal(["10001", "InvalidInput"], result.OrderErrors.Select(e => e.Code));
    }

    [Fact]
    public void An_upgrade_errors_additional_details_read_as_text_whether_Microsoft_sends_text_a_number_or_an_object()
    {
        var upgrade = JsonSerializer.Deserialize<Upgrade>(
            """{"upgradeErrors":[{"code":"a","additionalDetails":"plain"},{"code":"b","additionalDetails":{"reason":"suspended","since":[1,2]}},{"code":"c","additionalDetails":7},{"code":"d","additionalDetails":null}]}""",
            PartnerCenterJson.Options)!;

        Assert.Equal(["plain", """{"reason":"suspended","since":[1,2]}""", "7", null], upgrade.UpgradeErrors.Select(e => e.AdditionalDetails));
        Assert.Equal(["a", "b", "c", "d"], upgrade.UpgradeErrors.Select(e => e.Code));
    }
}
