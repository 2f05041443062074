namespace O365Functions.Emulators.PartnerCenter;

/// <summary>One line of an emulated order and the subscription it made.</summary>
internal sealed record EmulatedOrderLine(int LineItemNumber, string OfferId, int Quantity, string? FriendlyName, string? ParentSubscriptionId, string SubscriptionId);
