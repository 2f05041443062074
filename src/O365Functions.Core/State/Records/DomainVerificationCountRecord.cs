namespace O365Functions.Core.State.Records;

/// <summary>
/// How many verify calls were made for a domain on one UTC day. Counted in the store before each call, so the daily
/// budget holds across restarts and gateway instances (the legacy gateway made 60,000 calls for one domain).
/// </summary>
/// <param name="Domain">The domain.</param>
/// <param name="Day">The UTC day, <c>yyyyMMdd</c>.</param>
/// <param name="Count">Calls made that day.</param>
public sealed record DomainVerificationCountRecord(string Domain, string Day, int Count);
