using Microsoft.Extensions.Logging;
using O365Functions.Core.Provisioning;
using O365Functions.Core.Workflows.Activities;

namespace O365Functions.Core.Directory.Activities;

/// <summary>Brings the user's licenses to those asked, touching only the subscriptions the gateway manages.</summary>
public sealed class SetUserLicenses(ITenantDirectory directory, ILogger<SetUserLicenses> logger) : Activity<SetUserLicenses, UserLicensesStep, StepOutcome<bool>>
{
    /// <inheritdoc/>
    public override Task<StepOutcome<bool>> RunAsync(UserLicensesStep input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        return RefusableSteps.ReportedAsync(logger, input.Operation, $"licenses-{input.UserId}", call =>
            directory.SetLicensesAsync(call, input.CustomerId, input.UserId, input.WantedSubscriptionIds, input.ManagedSubscriptionIds, cancellationToken));
    }
}
