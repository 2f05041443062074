namespace O365Functions.Api.Webhooks;

/// <summary>
/// The last callbacks this process refused, with why, for the console. Kept in memory only: anyone can send a forged
/// callback, and a flood of them must not become writes to the store.
/// </summary>
public sealed class WebhookRefusals(TimeProvider time)
{
    /// <summary>How many refusals are kept; the oldest goes first.</summary>
    public const int Capacity = 100;

    private readonly Queue<WebhookRefusal> _last = new(Capacity);
    private readonly Lock _gate = new();

    /// <summary>Records a refusal.</summary>
    public void Record(string code, string reason)
    {
        lock (_gate)
        {
            if (_last.Count == Capacity)
            {
                _last.Dequeue();
            }

            _last.Enqueue(new WebhookRefusal(time.GetUtcNow(), code, reason));
        }
    }

    /// <summary>The refusals kept, newest first.</summary>
    public IReadOnlyList<WebhookRefusal> Recent()
    {
        lock (_gate)
        {
            return _last.Reverse().ToList();
        }
    }
}

/// <summary>A refused callback: when, the error code answered, and why.</summary>
public sealed record WebhookRefusal(DateTimeOffset At, string Code, string Reason);
