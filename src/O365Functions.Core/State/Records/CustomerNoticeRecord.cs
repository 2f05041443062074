namespace O365Functions.Core.State.Records;

/// <summary>A notice shown to a tenant's customer in Commerce, kept so it is updated and cleared instead of shown again.</summary>
/// <param name="NotificationId">The notification's id at the controller.</param>
/// <param name="Topic">What it is about, such as <c>relationship</c>.</param>
public sealed record CustomerNoticeRecord(string NotificationId, string Topic);
