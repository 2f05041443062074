using Microsoft.Extensions.Logging;
using O365Functions.Core.Directory;
using O365Functions.Core.Workflows.Activities;

namespace O365Functions.Core.Provisioning.Activities;

/// <summary>Asks the customer for admin access (GDAP), or finds the relationship an earlier attempt created.</summary>
public sealed class RequestAdminAccess(ITenantDirectory directory, ILogger<RequestAdminAccess> logger) : Activity<RequestAdminAccess, AdminAccessStep, StepOutcome<AdminAccess>>
{
    /// <inheritdoc/>
    public override Task<StepOutcome<AdminAccess>> RunAsync(AdminAccessStep input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        return RefusableSteps.ReportedAsync(logger, input.Operation, "request-admin-access", call => directory.RequestAdminAccessAsync(call, input.Subject, input.Request!, cancellationToken));
    }
}
