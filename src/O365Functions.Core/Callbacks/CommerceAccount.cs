namespace O365Functions.Core.Callbacks;

/// <summary>The customer as Commerce holds the account a tenant links to.</summary>
/// <param name="CompanyName">The account's company name.</param>
/// <param name="Address">Its postal address.</param>
/// <param name="AdminContact">The administrative contact, when the account names one.</param>
/// <param name="TechnicalContact">The technical contact, when the account names one.</param>
/// <param name="BillingContact">The billing contact, when the account names one.</param>
public sealed record CommerceAccount(
    string? CompanyName, CommerceAddress? Address, CommerceContact? AdminContact, CommerceContact? TechnicalContact, CommerceContact? BillingContact)
{
    /// <summary>Microsoft's customer contact: the administrative contact, else the technical one, else the billing one.</summary>
    public CommerceContact? PrimaryContact => AdminContact ?? TechnicalContact ?? BillingContact;
}

/// <summary>An account's <c>addressPostal</c>.</summary>
/// <param name="StreetAddress">The street and number.</param>
/// <param name="ExtendedAddress">A second line.</param>
/// <param name="Locality">The city.</param>
/// <param name="Region">The state or region.</param>
/// <param name="PostalCode">The postal code.</param>
/// <param name="CountryCode">The ISO 3166-1 alpha-2 country, upper case.</param>
public sealed record CommerceAddress(string? StreetAddress, string? ExtendedAddress, string? Locality, string? Region, string? PostalCode, string? CountryCode);

/// <summary>A person on an account: a contact, or a staff member standing in for one.</summary>
/// <param name="GivenName">The first name.</param>
/// <param name="FamilyName">The last name.</param>
/// <param name="Email">The email address.</param>
/// <param name="Phone">The phone number as Microsoft takes it: digits, with a leading + for the country code.</param>
public sealed record CommerceContact(string? GivenName, string? FamilyName, string? Email, string? Phone)
{
    /// <summary>
    /// Commerce's <c>telVoice</c> (<c>country#area#number#extension</c>, such as <c>1#201#4568523#</c>) as one number:
    /// <c>+12014568523</c>, the extension after <c>x</c>. Anything without <c>#</c> is kept as it is.
    /// </summary>
    public static string? PhoneFromTelVoice(string? telVoice)
    {
        if (string.IsNullOrWhiteSpace(telVoice) || !telVoice.Contains('#', StringComparison.Ordinal))
        {
            return string.IsNullOrWhiteSpace(telVoice) ? null : telVoice.Trim();
        }

        var parts = telVoice.Split('#');
        var country = parts[0].Trim();
        var number = string.Concat(parts.Skip(1).Take(2).Select(p => p.Trim()));
        var extension = parts.Length > 3 ? parts[3].Trim() : string.Empty;
        if (number.Length == 0)
        {
            return null;
        }

        return (country.Length > 0 ? "+" + country : string.Empty) + number + (extension.Length > 0 ? "x" + extension : string.Empty);
    }
}

/// <summary>A service user of the customer's account, from which a Microsoft 365 user is made.</summary>
/// <param name="GivenName">The first name.</param>
/// <param name="FamilyName">The last name.</param>
/// <param name="DisplayName">The display name.</param>
/// <param name="Login">The login, usually an email address.</param>
/// <param name="Email">The email address.</param>
public sealed record ServiceUser(string? GivenName, string? FamilyName, string? DisplayName, string? Login, string? Email);

/// <summary>One entry of a subscription's resources that belongs to the instance: the limit of a license or add-on type.</summary>
/// <param name="ApsId">The license or add-on type resource the entry's resource type references.</param>
/// <param name="Title">The resource type's name in Commerce, to name it in messages.</param>
/// <param name="Limit">The seats; null when the resource type is unlimited.</param>
public sealed record SubscriptionResourceLimit(string ApsId, string? Title, long? Limit);
