using System.Diagnostics.CodeAnalysis;

namespace O365Functions.Core.Catalog;

/// <summary>Either a <see cref="PurchasePlan"/> or every reason the request was rejected; never both.</summary>
public sealed class PurchasePlanResult
{
    private PurchasePlanResult(PurchasePlan? plan, IReadOnlyList<CatalogError> errors)
    {
        Plan = plan;
        Errors = errors;
    }

    /// <summary>The plan, when the request is valid.</summary>
    public PurchasePlan? Plan { get; }

    /// <summary>All problems found; empty when the request is valid.</summary>
    public IReadOnlyList<CatalogError> Errors { get; }

    /// <summary>Whether the request is valid and <see cref="Plan"/> is set.</summary>
    [MemberNotNullWhen(true, nameof(Plan))]
    public bool IsValid => Plan is not null;

    internal static PurchasePlanResult Success(PurchasePlan plan) => new(plan, []);

    internal static PurchasePlanResult Failure(IReadOnlyList<CatalogError> errors) => new(null, errors);
}
