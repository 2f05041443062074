using System.Net;

namespace O365Functions.PartnerCenter.Http;

/// <summary>A retry <see cref="MicrosoftRetry"/> is about to make, for the caller's log.</summary>
/// <param name="Attempt">The attempt that failed (1 for the first).</param>
/// <param name="Delay">The wait before the next one.</param>
/// <param name="Status">The answer's status, when there was an answer.</param>
/// <param name="Exception">The lost connection, when there was none.</param>
public sealed record RetryNotice(int Attempt, TimeSpan Delay, HttpStatusCode? Status, Exception? Exception);
