using System.Net;
using O365Functions.Core.Provisioning;
using O365Functions.PartnerCenter.Auth;

namespace O365Functions.PartnerCenter.Adapters;

/// <summary>
/// Which Partner Center failures are Microsoft's answer (a refusal the workflow ends with) rather than a fault to try
/// again, and what a provider can do about each: Microsoft's code and description are kept as they came.
/// </summary>
public static class PartnerCenterRefusals
{
    private static readonly Dictionary<string, string> Advice = new(StringComparer.Ordinal)
    {
        ["2030"] = "The partner is not authorized to sell in this country: choose a country the partner sells in, or have Microsoft add it to the partner's markets.",
        ["1000"] = "The domain is already in use: choose another domainPrefix.",
        ["13605"] = "Partner Center wants the Microsoft Customer Agreement attested first: send the tenant's contact (first name, last name, email) and try again.",
        ["27009"] = "The add-on's parent subscription is not active yet: send the request again once it is.",
        ["60012"] = "There are not enough seats: raise the license's limit or remove users first.",
        ["2002"] = "The quantity is outside what the offer allows: correct the limit.",
        ["800090"] = "Microsoft allows new-commerce seat reductions only inside the cancellation window: keep the quantity until the term renews.",
        ["900117"] = "The cancellation window has closed: the subscription can only stop renewing (turn auto-renew off) and be suspended.",
        ["2072"] = "The reseller's MPN ID is not one Partner Center knows as this partner's reseller: correct resellerMpnId.",
        ["800015"] = "The reseller's MPN ID is not valid: correct resellerMpnId.",
        ["800016"] = "The reseller's MPN ID is not valid for this purchase: correct resellerMpnId.",
    };

    /// <summary>What to do about each error Partner Center marks a cart line with (its <c>CartErrorCode</c>).</summary>
    private static readonly Dictionary<string, string> CartLineAdvice = new(StringComparer.OrdinalIgnoreCase)
    {
        ["10000"] = "The currency is not one the customer's market uses: ask Microsoft which it is.",
        ["10001"] = "The catalog item id does not exist in the customer's market: correct the type's offerId (product:sku:availability).",
        ["10002"] = "The partner's quota for this item is used up: ask Microsoft to raise it.",
        ["10003"] = "Microsoft has no inventory for this item now: try again later or choose another offer.",
        ["10004"] = "The partner may not name a reseller on this item: check the instance's cspModel and the reseller's MPN ID.",
        ["10010"] = "Partner Center found the line invalid: correct the type's termDuration and the instance's billingCycle.",
        ["10012"] = "The offer needs an attestation the partner has not accepted: accept it in Partner Center.",
        ["10013"] = "The billing cycle is not offered for this term: correct the instance's billingCycle or the type's termDuration.",
        ["10015"] = "The quantity is above the seats one subscription may have: lower the limit, or split it over another type.",
        ["10018"] = "The add-on needs more seats of its base offer: raise the base license's limit first.",
        ["10019"] = "The add-on's quantity is below its minimum: raise its limit.",
        ["500600"] = "The legacy offer can no longer be bought: move the type to its new-commerce catalog item.",
    };

    /// <summary>What to do about a cart line Partner Center marked with <paramref name="code"/>, or about a checkout's order error.</summary>
    public static string AdviceForCart(string? code) =>
        code is not null && (CartLineAdvice.TryGetValue(code, out var advice) || Advice.TryGetValue(code, out advice))
            ? advice
            : "Correct what Microsoft names, then send the request again.";

    /// <summary>The refusal <paramref name="exception"/> stands for, or null when it is a fault to retry.</summary>
    public static CommerceRefusal? From(Exception exception) => exception switch
    {
        ConsentRequiredException consent => new CommerceRefusal("consentRequired", consent.Message,
            "The partner's consent is gone: give it again (POST /aps/app/{id}/authenticate, or refreshToken), then send the request again."),
        SubscriptionUpgradeException upgrade => new CommerceRefusal("upgradeRefused", upgrade.Message, "Resolve what Microsoft names, then send the request again."),
        PartnerCenterException failed when IsAnswer(failed.StatusCode) => new CommerceRefusal(
            failed.ErrorCode ?? ((int)failed.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture),
            failed.Description,
            failed.ErrorCode is { } code && Advice.TryGetValue(code, out var advice)
                ? advice
                : $"Partner Center refused the call (HTTP {(int)failed.StatusCode}, correlation id {failed.CorrelationId}): correct what it names, or ask Microsoft support with the correlation id."),
        _ => null,
    };

    /// <summary>4xx other than those the transport already retries (408, 429) and 401, which is an expired token, not an answer.</summary>
    private static bool IsAnswer(HttpStatusCode status) =>
        (int)status is >= 400 and < 500 && status is not (HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests or HttpStatusCode.Unauthorized);
}
