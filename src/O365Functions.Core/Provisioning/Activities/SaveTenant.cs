using O365Functions.Core.State.Records;
using O365Functions.Core.Workflows.Activities;

namespace O365Functions.Core.Provisioning.Activities;

/// <summary>Writes the tenant's record over whatever is stored, or deletes it with its domain claim.</summary>
public sealed class SaveTenant(GatewayRecords records) : Activity<SaveTenant, SaveTenantStep, bool>
{
    /// <inheritdoc/>
    public override async Task<bool> RunAsync(SaveTenantStep input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var store = await records.GetAsync(cancellationToken).ConfigureAwait(false);
        await (input.Remove ? store.RemoveTenantAsync(input.Tenant, cancellationToken) : store.SaveTenantAsync(input.Tenant, cancellationToken)).ConfigureAwait(false);
        return true;
    }
}
