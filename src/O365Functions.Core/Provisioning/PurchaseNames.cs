namespace O365Functions.Core.Provisioning;

/// <summary>
/// The name every subscription the gateway buys carries: the provider's type and a mark of the tenant it was bought
/// for. Partner Center keeps it (<c>friendlyName</c>), so a step interrupted after Microsoft bought, and before the
/// gateway recorded it, finds the purchase instead of making it again; and the gateway can tell its purchases from
/// those made for the customer elsewhere.
/// </summary>
public static class PurchaseNames
{
    /// <summary>The name of the purchase of <paramref name="provisioningId"/> for the tenant.</summary>
    public static string For(string provisioningId, string tenantApsId)
    {
        ArgumentNullException.ThrowIfNull(provisioningId);
        return $"{provisioningId} [{Mark(tenantApsId)}]";
    }

    /// <summary>The provisioning id in a name <see cref="For"/> made for the tenant; null for any other name.</summary>
    public static string? ProvisioningId(string? friendlyName, string tenantApsId)
    {
        var suffix = $" [{Mark(tenantApsId)}]";
        return friendlyName is not null && friendlyName.EndsWith(suffix, StringComparison.Ordinal) && friendlyName.Length > suffix.Length
            ? friendlyName[..^suffix.Length]
            : null;
    }

    private static string Mark(string tenantApsId)
    {
        ArgumentNullException.ThrowIfNull(tenantApsId);
        return "gw-" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(tenantApsId)).AsSpan(0, 5));
    }
}
