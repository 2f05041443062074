using O365Functions.Core.Directory.Activities;
using O365Functions.Core.Provisioning;
using O365Functions.Core.State.Records;
using O365Functions.Core.Workflows;
using O365Functions.Core.Workflows.Activities;

namespace O365Functions.Core.Directory;

/// <summary>
/// A user of a customer's tenant: created with its initial password and given its licenses, its licenses changed, or
/// deleted. The user's record is written at the end; a refusal (a seat shortage, a role the partner lacks) ends the
/// workflow with Microsoft's reason and what to do. A new user whose licenses cannot be given is deleted again before
/// the workflow fails, so Microsoft holds no user that APS reports as failed.
/// </summary>
public static class ManageUserWorkflow
{
    /// <summary>The workflow's name.</summary>
    public const string Name = "ManageUser";

    private static readonly WorkflowTaskOptions Retry = new(new WorkflowRetryPolicy(5, TimeSpan.FromSeconds(5), 2, TimeSpan.FromMinutes(5)));

    /// <summary>The workflow: its output is the user's record (for a removal, as it was).</summary>
    public static async Task<UserRecord> RunAsync(IWorkflowContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var work = context.GetInput<UserWork>() ?? throw new InvalidOperationException($"{Name} needs a {nameof(UserWork)}.");
        var operation = work.Operation with { OperationId = context.InstanceId };
        var user = work.User;
        switch (work.Kind)
        {
            case UserChangeKind.Remove:
                context.SetCustomStatus(new WorkflowProgress($"Deleting {user.UserPrincipalName}", 0, 1));
                await context.CallRequiredAsync(DeleteUser.Ref, new DeleteUserStep(operation, work.CustomerId, user.UserPrincipalName), "Delete the user", Retry);
                await context.CallAsync(SaveUser.Ref, new SaveUserStep(user, Remove: true), Retry);
                return user;
            case UserChangeKind.Provision:
                context.SetCustomStatus(new WorkflowProgress($"Creating {user.UserPrincipalName}", 0, 2));
                var userId = await context.CallRequiredAsync(CreateUser.Ref, new CreateUserStep(operation, work.CustomerId, user.ApsId, work.Profile), "Create the user", Retry);
                user = user with { UserId = userId };
                break;
        }

        context.SetCustomStatus(new WorkflowProgress($"Assigning the licenses of {user.UserPrincipalName}", 1, 2));
        try
        {
            await context.CallRequiredAsync(SetUserLicenses.Ref,
                new UserLicensesStep(operation, work.CustomerId, user.UserId!, work.WantedSubscriptionIds, work.ManagedSubscriptionIds), "Assign the licenses", Retry);
        }
        catch (Exception failed) when (work.Kind == UserChangeKind.Provision && failed is CommerceRefusedException or WorkflowTaskFailedException)
        {
            context.SetCustomStatus(new WorkflowProgress($"Deleting {user.UserPrincipalName}: its licenses were not given", 1, 2));
            await context.CallRequiredAsync(DeleteUser.Ref, new DeleteUserStep(operation, work.CustomerId, user.UserPrincipalName), "Delete the user its licenses were not given to", Retry);
            throw;
        }

        user = user with { Status = UserStatus.Active };
        await context.CallAsync(SaveUser.Ref, new SaveUserStep(user), Retry);
        return user;
    }
}
