namespace O365Functions.PartnerCenter.Graph;

/// <summary>A license on a Graph user: a SKU and the service plans turned off (none by default; Graph wants the list present).</summary>
public sealed record AssignedLicense(Guid SkuId)
{
    /// <summary>Service plans of the SKU to leave off.</summary>
    public IReadOnlyList<Guid> DisabledPlans { get; init; } = [];
}
