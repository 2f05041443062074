using Microsoft.Extensions.Logging;
using O365Functions.Core.Directory;
using O365Functions.Core.Workflows.Activities;

namespace O365Functions.Core.Provisioning.Activities;

/// <summary>Gives the partner's security group the relationship's roles.</summary>
public sealed class AssignAdminAccess(ITenantDirectory directory, ILogger<AssignAdminAccess> logger) : Activity<AssignAdminAccess, AdminAccessAssignmentStep, StepOutcome<bool>>
{
    /// <inheritdoc/>
    public override Task<StepOutcome<bool>> RunAsync(AdminAccessAssignmentStep input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        return RefusableSteps.ReportedAsync(logger, input.Operation, "assign-admin-access", call => directory.AssignAdminAccessAsync(call, input.RelationshipId, input.SecurityGroupId, input.RoleIds, cancellationToken));
    }
}
