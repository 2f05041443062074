namespace O365Functions.Core.State.Records;

/// <summary>An installed instance in the one partition that lists them all, for jobs that visit every instance.</summary>
/// <param name="InstanceId">The APS instance.</param>
public sealed record InstanceIndexRecord(string InstanceId);
