namespace O365Functions.PartnerCenter.Models;

/// <summary>One header of a <see cref="ResourceLink"/>.</summary>
public sealed record LinkHeader(string? Key, string? Value);
