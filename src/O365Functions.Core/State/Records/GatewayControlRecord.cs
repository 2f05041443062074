namespace O365Functions.Core.State.Records;

/// <summary>The operator's switch for the whole gateway: while paused, accepted APS work is recorded and waits.</summary>
/// <param name="Paused">Whether new workflows are held back.</param>
/// <param name="Since">When the switch was last thrown.</param>
/// <param name="Reason">What the operator gave as the reason.</param>
public sealed record GatewayControlRecord(bool Paused, DateTimeOffset Since, string? Reason);
