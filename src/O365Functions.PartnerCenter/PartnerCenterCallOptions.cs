namespace O365Functions.PartnerCenter;

/// <summary>
/// Per-call identity. A workflow step passes a <see cref="RequestId"/> derived from its instance and step, so that
/// re-running the step after a crash repeats the same logical call and Partner Center answers it once.
/// </summary>
/// <param name="RequestId">The <c>MS-RequestId</c>; a new one when null.</param>
/// <param name="CorrelationId">The <c>MS-CorrelationId</c>; a new one when null.</param>
public sealed record PartnerCenterCallOptions(Guid? RequestId = null, Guid? CorrelationId = null);
