namespace O365Functions.Core.State.Records;

/// <summary>What went wrong in an operation: which step, Microsoft's code, and a sentence a provider can act on.</summary>
public sealed record OperationError(string? Step, string Code, string Message);
