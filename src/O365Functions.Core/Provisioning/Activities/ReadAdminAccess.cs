using Microsoft.Extensions.Logging;
using O365Functions.Core.Directory;
using O365Functions.Core.Workflows.Activities;

namespace O365Functions.Core.Provisioning.Activities;

/// <summary>The GDAP relationship as it stands.</summary>
public sealed class ReadAdminAccess(ITenantDirectory directory, ILogger<ReadAdminAccess> logger) : Activity<ReadAdminAccess, AdminAccessStep, AdminAccess>
{
    /// <inheritdoc/>
    public override async Task<AdminAccess> RunAsync(AdminAccessStep input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var call = input.Operation.Call("read-admin-access");
        using var scope = RefusableSteps.BeginScope(logger, input.Operation, call);
        return await directory.ReadAdminAccessAsync(call, input.Subject, cancellationToken).ConfigureAwait(false);
    }
}
