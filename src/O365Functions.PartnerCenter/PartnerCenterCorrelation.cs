namespace O365Functions.PartnerCenter;

/// <summary>
/// The <c>MS-CorrelationId</c> every Partner Center call made inside a scope carries, so that all calls of one
/// operation (a workflow's steps, reads included) can be found together in Microsoft's and the gateway's logs. A call
/// that names its own correlation id in <see cref="PartnerCenterCallOptions"/> keeps it.
/// </summary>
public static class PartnerCenterCorrelation
{
    private static readonly AsyncLocal<Guid?> Ambient = new();

    /// <summary>The correlation id of the current scope, if one is open.</summary>
    public static Guid? Current => Ambient.Value;

    /// <summary>Opens a scope in which calls carry <paramref name="correlationId"/>; dispose it to restore the previous one.</summary>
    public static IDisposable Begin(Guid correlationId)
    {
        var previous = Ambient.Value;
        Ambient.Value = correlationId;
        return new Scope(previous);
    }

    private sealed class Scope(Guid? previous) : IDisposable
    {
        public void Dispose() => Ambient.Value = previous;
    }
}
