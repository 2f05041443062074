using O365Functions.Core.Jobs;
using O365Functions.Core.Provisioning;
using O365Functions.Core.Provisioning.Activities;

namespace O365Functions.Core.Tests.Workflows;

public sealed class ActivityCatalogTests
{
    /// <summary>
    /// An activity's name is its class's name, and workflow histories record it: renaming a class would strand every
    /// instance waiting in that step. This list changes only on purpose.
    /// </summary>
    [Fact]
    public void The_gateway_s_activities_are_found_by_their_base_type_under_the_names_running_workflows_recorded()
    {
        Assert.Equal(
            [
                "AddDomain", "AlertOperator", "AssignAdminAccess", "AttestAgreement", "ChangeSubscription", "ConvertTrial", "CreateCustomer", "CreateUser",
                "DeleteUser", "ExchangeRefreshToken", "FindCustomer", "MarkSeatLimitsApplied", "NotifyCustomer", "PurchaseSubscriptions",
                "ReadAdminAccess", "ReadSeatLimits", "ReadSubscriptionListing", "ReadSubscriptions", "RefreshSubscription", "RegisterWebhook",
                "RemoveDomain", "RequestAdminAccess", "RequestRelationship", "SaveDomain", "SaveReconciliationReport", "SaveTenant", "SaveUser",
                "SetUserLicenses", "SubscribeToLimitChanges", "SyncInstanceCatalog", "UnsubscribeFromLimitChanges", "UpgradeSubscription",
                "VerifyDomain",
            ],
            GatewayJobs.ActivityNames);
    }

    [Fact]
    public void An_activity_s_handle_carries_its_class_name_and_types()
    {
        var activity = GatewayJobs.Activities.Single(a => a.Name == "PurchaseSubscriptions");

        Assert.Same(PurchaseSubscriptions.Ref, activity);
        Assert.Equal(typeof(PurchaseSubscriptions), activity.Implementation);
        Assert.Equal(typeof(PurchaseStep), activity.InputType);
        Assert.Equal(typeof(StepOutcome<IReadOnlyList<SubscriptionState>>), activity.OutputType);
    }
}
