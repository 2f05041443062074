using Microsoft.Extensions.Logging;
using O365Functions.Core.Provisioning;
using O365Functions.Core.Secrets;
using O365Functions.Core.State;
using O365Functions.Core.State.Records;

namespace O365Functions.Core.Directory;

/// <summary>
/// The steps of the user and domain workflows. As the tenant steps, each looks for its effect before it acts (the
/// port does so in Graph), and logs under the operation's scope.
/// </summary>
public static class DirectoryActivities
{
    /// <summary>Names of the activities, which are also the Functions app's function names.</summary>
    public const string CreateUser = "CreateUser";

    /// <inheritdoc cref="CreateUser"/>
    public const string SetUserLicenses = "SetUserLicenses";

    /// <inheritdoc cref="CreateUser"/>
    public const string DeleteUser = "DeleteUser";

    /// <inheritdoc cref="CreateUser"/>
    public const string SaveUser = "SaveUser";

    /// <inheritdoc cref="CreateUser"/>
    public const string AddDomain = "AddDomain";

    /// <inheritdoc cref="CreateUser"/>
    public const string VerifyDomain = "VerifyDomain";

    /// <inheritdoc cref="CreateUser"/>
    public const string RemoveDomain = "RemoveDomain";

    /// <inheritdoc cref="CreateUser"/>
    public const string SaveDomain = "SaveDomain";

    /// <summary>
    /// Creates the user with the initial password the APS request left in the secret store, then deletes the password:
    /// it never enters the workflow's history, and is not kept once it has been used.
    /// </summary>
    public static async Task<StepOutcome<string>> CreateUserAsync(ITenantDirectory directory, ISecretStore secrets, ILogger logger, CreateUserStep step, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(secrets);
        ArgumentNullException.ThrowIfNull(step);
        var name = InstanceSecretNames.UserPassword(step.Operation.InstanceId, step.UserApsId);
        var password = (await secrets.GetAsync(name, cancellationToken).ConfigureAwait(false))?.Reveal();
        var outcome = await RefusableSteps.ReportedAsync(logger, step.Operation, $"create-user-{step.UserApsId}", call => password is null
            ? Task.FromResult(StepOutcome.Refused<string>(new CommerceRefusal("PasswordMissing",
                "The user's initial password is no longer held (it is kept only until the user is created).", "Send the user again with its 'password'.")))
            : directory.CreateUserAsync(call, step.CustomerId, step.Profile, password, cancellationToken)).ConfigureAwait(false);
        if (outcome.Refusal is null)
        {
            await secrets.DeleteAsync(name, cancellationToken).ConfigureAwait(false);
        }

        return outcome;
    }

    /// <summary>Brings the user's licenses to those asked.</summary>
    public static Task<StepOutcome<bool>> SetUserLicensesAsync(ITenantDirectory directory, ILogger logger, UserLicensesStep step, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(step);
        return RefusableSteps.ReportedAsync(logger, step.Operation, $"licenses-{step.UserId}", call =>
            directory.SetLicensesAsync(call, step.CustomerId, step.UserId, step.WantedSubscriptionIds, step.ManagedSubscriptionIds, cancellationToken));
    }

    /// <summary>Deletes the user.</summary>
    public static Task<StepOutcome<bool>> DeleteUserAsync(ITenantDirectory directory, ILogger logger, DeleteUserStep step, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(step);
        return RefusableSteps.ReportedAsync(logger, step.Operation, "delete-user", call => directory.DeleteUserAsync(call, step.CustomerId, step.UserPrincipalName, cancellationToken));
    }

    /// <summary>Adds the domain and reads its records.</summary>
    public static Task<StepOutcome<DomainRecords>> AddDomainAsync(ITenantDirectory directory, ILogger logger, DomainStep step, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(step);
        return RefusableSteps.ReportedAsync(logger, step.Operation, "add-domain", call => directory.AddDomainAsync(call, step.CustomerId, step.Domain, cancellationToken));
    }

    /// <summary>Deletes the domain from the tenant, unless users or groups still use it.</summary>
    public static Task<StepOutcome<bool>> RemoveDomainAsync(ITenantDirectory directory, ILogger logger, DomainStep step, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(step);
        return RefusableSteps.ReportedAsync(logger, step.Operation, "remove-domain", call => directory.RemoveDomainAsync(call, step.CustomerId, step.Domain, cancellationToken));
    }

    /// <summary>
    /// Counts the attempt against the domain's budget for the day, then asks Microsoft once; a spent budget is a refusal
    /// with what to do, and no call is made.
    /// </summary>
    public static async Task<StepOutcome<bool>> VerifyDomainAsync(
        ITenantDirectory directory, GatewayRecords records, TimeProvider time, ILogger logger, DomainStep step, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(directory);
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(time);
        ArgumentNullException.ThrowIfNull(step);
        var day = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        if (!await TryCountAsync(records, step, day, cancellationToken).ConfigureAwait(false))
        {
            return StepOutcome.Refused<bool>(new CommerceRefusal("VerificationBudgetSpent",
                $"{step.Domain} was already checked {step.MaxVerificationsPerDay} times today (UTC).",
                "Publish the TXT record of verificationRecords at your DNS host, wait for it to propagate, and verify again tomorrow."));
        }

        return await RefusableSteps.ReportedAsync(logger, step.Operation, "verify-domain", call => directory.VerifyDomainAsync(call, step.CustomerId, step.Domain, cancellationToken)).ConfigureAwait(false);
    }

    /// <summary>Writes the user's record over whatever is stored, or deletes it.</summary>
    public static Task<bool> SaveUserAsync(GatewayRecords records, SaveUserStep step, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(step);
        return SaveAsync(records, RecordKey.User(step.User.InstanceId, step.User.TenantApsId, step.User.ApsId), step.User, step.Remove, cancellationToken);
    }

    /// <summary>Writes the domain's record over whatever is stored, or deletes it.</summary>
    public static Task<bool> SaveDomainAsync(GatewayRecords records, SaveDomainStep step, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(step);
        return SaveAsync(records, RecordKey.Domain(step.Domain.InstanceId, step.Domain.TenantApsId, step.Domain.ApsId), step.Domain, step.Remove, cancellationToken);
    }

    private static async Task<bool> SaveAsync<T>(GatewayRecords records, RecordKey key, T record, bool remove, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(records);
        var store = await records.GetAsync(cancellationToken).ConfigureAwait(false);
        if (remove)
        {
            await store.DeleteAsync(key, cancellationToken: cancellationToken).ConfigureAwait(false);
            return true;
        }

        await store.UpsertAsync(key, record, cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>Adds one to the day's count under its ETag; false when the budget is already spent.</summary>
    private static async Task<bool> TryCountAsync(GatewayRecords records, DomainStep step, DateOnly day, CancellationToken cancellationToken)
    {
        var store = await records.GetAsync(cancellationToken).ConfigureAwait(false);
        var key = RecordKey.DomainVerificationCount(step.Operation.InstanceId, step.Domain, day);
        for (var attempt = 0; ; attempt++)
        {
            var stored = await store.GetAsync<DomainVerificationCountRecord>(key, cancellationToken).ConfigureAwait(false);
            var count = stored?.Record.Count ?? 0;
            if (count >= step.MaxVerificationsPerDay)
            {
                return false;
            }

            try
            {
                await store.PutAsync(key, new DomainVerificationCountRecord(step.Domain, $"{day:yyyyMMdd}", count + 1), stored?.ETag, cancellationToken).ConfigureAwait(false);
                return true;
            }
            catch (EntityStoreException conflict) when (attempt < 10 && conflict.Error is EntityStoreError.AlreadyExists or EntityStoreError.PreconditionFailed)
            {
                // Another attempt counted at the same moment: count again on top of it.
            }
        }
    }
}
