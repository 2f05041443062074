namespace O365Functions.Core.Callbacks;

/// <summary>
/// The names CloudBlue Commerce's API gives what the gateway reads and subscribes to, in one place. Those no public
/// source settled (marked open in <c>docs/aps-api.md</c>) are read tolerantly and can change here alone.
/// </summary>
public static class CommerceContract
{
    /// <summary>The event Commerce raises on a subscription after an upgrade, downgrade or change order.</summary>
    public const string LimitsChangedEvent = "http://parallels.com/aps/events/pa/subscription/limits/changed";

    /// <summary>The tenant's handler of <see cref="LimitsChangedEvent"/>: <c>POST /tenants/{id}/onLimitsChanged</c>.</summary>
    public const string LimitsChangedHandler = "onLimitsChanged";

    /// <summary>The standard account type: company name and postal address.</summary>
    public const string AccountType = "http://aps-standard.org/types/core/account/1.0";

    /// <summary>The platform's account type, which adds the contacts.</summary>
    public const string PlatformAccountType = "http://parallels.com/aps/types/pa/account/1.2";

    /// <summary>The platform's staff type, read when an account names no contacts.</summary>
    public const string AdminUserType = "http://parallels.com/aps/types/pa/admin-user/1.0";

    /// <summary>The standard subscription type a tenant's <c>subscription</c> link names.</summary>
    public const string SubscriptionType = "http://aps-standard.org/types/core/subscription/1.0";

    /// <summary>The service user type a user's <c>user</c> link names.</summary>
    public const string ServiceUserType = "http://aps-standard.org/types/core/service-user/1.0";

    /// <summary>The DNS domain type a domain's optional <c>domain</c> link names.</summary>
    public const string DnsDomainType = "http://aps-standard.org/types/dns/domain/1.0";

    /// <summary>The type the tenant implements: an application service provisioned with the customer's subscription.</summary>
    public const string SubscriptionServiceType = "http://aps-standard.org/types/core/subscription/service/1.0";

    /// <summary>The manager of the notifications a customer's staff see on screen.</summary>
    public const string NotificationManagerType = "http://www.parallels.com/pa/pa-core-services/notification-manager/1.0";

    /// <summary>The manager of the notifications the provider's operators see in their panel.</summary>
    public const string OperatorNotificationManagerType = "http://www.parallels.com/pa/pa-core-services/pcp-notification-manager/1.0";

    /// <summary>The account's contacts, in the order Microsoft's customer contact is chosen. OPEN: only <c>techContact</c> is confirmed.</summary>
    public static IReadOnlyList<string> ContactProperties { get; } = ["adminContact", "techContact", "billingContact"];
}
