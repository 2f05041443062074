namespace O365Functions.PartnerCenter.Models;

/// <summary>A customer tenant the partner sells to.</summary>
public sealed record Customer
{
    /// <summary>The customer's tenant id.</summary>
    public string? Id { get; init; }

    /// <summary>The commerce id.</summary>
    public string? CommerceId { get; init; }

    /// <summary>Tenant and domain.</summary>
    public CustomerCompanyProfile? CompanyProfile { get; init; }

    /// <summary>Billing contact and address.</summary>
    public CustomerBillingProfile? BillingProfile { get; init; }

    /// <summary><c>none</c>, <c>reseller</c>, <c>advisor</c>, ...</summary>
    public string? RelationshipToPartner { get; init; }

    /// <summary>For an indirect reseller's customer: the reseller's tenant id.</summary>
    public string? AssociatedPartnerId { get; init; }

    /// <summary>The first admin's credentials, present only in the create response.</summary>
    public UserCredentials? UserCredentials { get; init; }

    /// <summary>Type and ETag.</summary>
    public ResourceAttributes? Attributes { get; init; }
}
