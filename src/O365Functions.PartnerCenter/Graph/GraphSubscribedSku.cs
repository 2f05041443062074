namespace O365Functions.PartnerCenter.Graph;

/// <summary>A SKU the tenant has licenses of, as Graph reports it.</summary>
public sealed record GraphSubscribedSku
{
    /// <summary>The SKU id used in license assignments.</summary>
    public Guid SkuId { get; init; }

    /// <summary>The part number, such as <c>ENTERPRISEPACK</c>.</summary>
    public string? SkuPartNumber { get; init; }

    /// <summary>Licenses assigned.</summary>
    public int ConsumedUnits { get; init; }

    /// <summary>Licenses bought.</summary>
    public PrepaidUnits? PrepaidUnits { get; init; }
}
