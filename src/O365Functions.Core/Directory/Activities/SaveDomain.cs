using O365Functions.Core.State.Records;
using O365Functions.Core.Workflows.Activities;

namespace O365Functions.Core.Directory.Activities;

/// <summary>Writes the domain's record over whatever is stored, or deletes it.</summary>
public sealed class SaveDomain(GatewayRecords records) : Activity<SaveDomain, SaveDomainStep, bool>
{
    /// <inheritdoc/>
    public override async Task<bool> RunAsync(SaveDomainStep input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var store = await records.GetAsync(cancellationToken).ConfigureAwait(false);
        await store.SaveDomainAsync(input.Domain, input.Remove, cancellationToken).ConfigureAwait(false);
        return true;
    }
}
