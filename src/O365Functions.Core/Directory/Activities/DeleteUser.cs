using Microsoft.Extensions.Logging;
using O365Functions.Core.Provisioning;
using O365Functions.Core.Workflows.Activities;

namespace O365Functions.Core.Directory.Activities;

/// <summary>Deletes the user from the customer's tenant.</summary>
public sealed class DeleteUser(ITenantDirectory directory, ILogger<DeleteUser> logger) : Activity<DeleteUser, DeleteUserStep, StepOutcome<bool>>
{
    /// <inheritdoc/>
    public override Task<StepOutcome<bool>> RunAsync(DeleteUserStep input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        return RefusableSteps.ReportedAsync(logger, input.Operation, "delete-user", call =>
            directory.DeleteUserAsync(call, input.CustomerId, input.UserPrincipalName, cancellationToken));
    }
}
