using System.Net;
using System.Text.Json.Nodes;

namespace O365Functions.Emulators.Aps;

/// <summary>How an operation ended, as the controller's task manager would record it.</summary>
/// <param name="Status">The final answer's status (after any async polls).</param>
/// <param name="Body">The final answer's JSON body, when it had one.</param>
/// <param name="Polls">How many async polls followed the sync request.</param>
/// <param name="Info">Each 202's <c>APS-Info</c>, in order.</param>
/// <param name="RetryTimeouts">Each 202's <c>APS-Retry-Timeout</c>, in seconds.</param>
public sealed record ApsOutcome(HttpStatusCode Status, JsonObject? Body, int Polls, IReadOnlyList<string> Info, IReadOnlyList<int> RetryTimeouts)
{
    /// <summary>Whether the task succeeded (2xx other than 202).</summary>
    public bool Succeeded => (int)Status is >= 200 and < 300 && Status != HttpStatusCode.Accepted;

    /// <summary>The APS error name, when the answer was an error.</summary>
    public string? Error => Body?["error"]?.GetValue<string>();

    /// <summary>The APS error message, when the answer was an error.</summary>
    public string? Message => Body?["message"]?.GetValue<string>();
}
