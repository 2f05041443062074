using Microsoft.Extensions.Logging;
using O365Functions.Core.Provisioning;
using O365Functions.Core.Secrets;
using O365Functions.Core.Workflows.Activities;

namespace O365Functions.Core.Directory.Activities;

/// <summary>
/// Creates the user with the initial password the APS request left in the secret store, then deletes the password:
/// it never enters the workflow's history, and is not kept once it has been used.
/// </summary>
public sealed class CreateUser(ITenantDirectory directory, ISecretStore secrets, ILogger<CreateUser> logger) : Activity<CreateUser, CreateUserStep, StepOutcome<string>>
{
    /// <inheritdoc/>
    public override async Task<StepOutcome<string>> RunAsync(CreateUserStep input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var name = InstanceSecretNames.UserPassword(input.Operation.InstanceId, input.UserApsId);
        var password = (await secrets.GetAsync(name, cancellationToken).ConfigureAwait(false))?.Reveal();
        var outcome = await RefusableSteps.ReportedAsync(logger, input.Operation, $"create-user-{input.UserApsId}", call => password is null
            ? Task.FromResult(StepOutcome.Refused<string>(new CommerceRefusal("PasswordMissing",
                "The user's initial password is no longer held (it is kept only until the user is created).", "Send the user again with its 'password'.")))
            : directory.CreateUserAsync(call, input.CustomerId, input.Profile, password, cancellationToken)).ConfigureAwait(false);
        if (outcome.Refusal is null)
        {
            await secrets.DeleteAsync(name, cancellationToken).ConfigureAwait(false);
        }

        return outcome;
    }
}
