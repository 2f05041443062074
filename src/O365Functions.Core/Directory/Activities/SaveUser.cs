using O365Functions.Core.State.Records;
using O365Functions.Core.Workflows.Activities;

namespace O365Functions.Core.Directory.Activities;

/// <summary>Writes the user's record over whatever is stored, or deletes it.</summary>
public sealed class SaveUser(GatewayRecords records) : Activity<SaveUser, SaveUserStep, bool>
{
    /// <inheritdoc/>
    public override async Task<bool> RunAsync(SaveUserStep input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var store = await records.GetAsync(cancellationToken).ConfigureAwait(false);
        await store.SaveUserAsync(input.User, input.Remove, cancellationToken).ConfigureAwait(false);
        return true;
    }
}
