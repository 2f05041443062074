namespace O365Functions.Core.State.Records;

/// <summary>
/// How many limits-changed events a tenant has received and how many its seats have caught up with. The handler counts
/// an event here before it answers Commerce, so none is lost; the change itself reads the limits afresh, so any number
/// of events (repeated, out of order) needs one run that ends with <see cref="Applied"/> at <see cref="Received"/>.
/// </summary>
/// <param name="Received">Events counted.</param>
/// <param name="Applied">The count the last completed change read before it read the limits.</param>
/// <param name="LastReceived">When the last event arrived.</param>
public sealed record SeatLimitsEventRecord(long Received, long Applied, DateTimeOffset LastReceived)
{
    /// <summary>Whether an event arrived that no change has read the limits after.</summary>
    public bool Pending => Received > Applied;
}
