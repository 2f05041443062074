namespace O365Functions.PartnerCenter.Models;

/// <summary>The partner's webhook registration: where Partner Center calls and for which events.</summary>
public sealed record WebhookRegistration
{
    /// <summary>The registration's id.</summary>
    public string? SubscriberId { get; init; }

    /// <summary>The callback URL.</summary>
    public Uri? WebhookUrl { get; init; }

    /// <summary>The event names, such as <c>subscription-updated</c>.</summary>
    public IReadOnlyList<string> WebhookEvents { get; init; } = [];

    /// <summary>Put the signature in <c>x-ms-signature</c> instead of <c>Authorization</c>.</summary>
    public bool SignatureTokenToMsSignatureHeader { get; init; }
}
