namespace O365Functions.Core.Catalog;

/// <summary>One line of a tenant's desired subscriptions: an offer, by provisioning id, and its quantity.</summary>
/// <param name="ProvisioningId">The provider's key of the offer.</param>
/// <param name="Quantity">Seats or units wanted.</param>
public sealed record OfferRequest(string ProvisioningId, int Quantity);
