using O365Functions.Core.State.Records;

namespace O365Functions.Core.Provisioning;

/// <summary>Whose step it is: the instance, the tenant and the workflow (operation) it belongs to.</summary>
/// <param name="InstanceId">The APS application instance.</param>
/// <param name="TenantApsId">The tenant's APS resource id.</param>
/// <param name="OperationId">The workflow instance id.</param>
public sealed record TenantOperation(string InstanceId, string TenantApsId, string OperationId)
{
    /// <summary>The Partner Center call of step <paramref name="step"/>.</summary>
    public CommerceCall Call(string step) => new(InstanceId, OperationId, step);
}

/// <summary>Input of <see cref="Activities.CreateCustomer"/>.</summary>
public sealed record CreateCustomerStep(TenantOperation Operation, TenantOrder Order);

/// <summary>The customer a workflow goes on with, without the admin password (which the activity put in the secret store).</summary>
/// <param name="CustomerId">The customer's tenant id.</param>
/// <param name="Domain">Its primary domain.</param>
/// <param name="AdminLogin">The initial admin's user principal name, when one was created.</param>
public sealed record TenantCustomer(string CustomerId, string Domain, string? AdminLogin);

/// <summary>Input of <see cref="Activities.FindCustomer"/> and <see cref="Activities.RequestRelationship"/>.</summary>
public sealed record CustomerLookupStep(TenantOperation Operation, string Domain);

/// <summary>Input of <see cref="Activities.AttestAgreement"/>.</summary>
public sealed record AgreementStep(TenantOperation Operation, string CustomerId, TenantContact Contact);

/// <summary>Input of <see cref="Activities.PurchaseSubscriptions"/>: one level of the plan (parents before add-ons).</summary>
public sealed record PurchaseStep(TenantOperation Operation, string Step, string CustomerId, IReadOnlyList<PurchaseLine> Lines, string? ResellerMpnId);

/// <summary>Input of <see cref="Activities.ReadSubscriptions"/>.</summary>
public sealed record SubscriptionsStep(TenantOperation Operation, string CustomerId);

/// <summary>Input of <see cref="Activities.ChangeSubscription"/>.</summary>
public sealed record ChangeStep(TenantOperation Operation, string Step, string CustomerId, SubscriptionChange Change);

/// <summary>Input of <see cref="Activities.UpgradeSubscription"/>.</summary>
public sealed record UpgradeStep(TenantOperation Operation, string Step, string CustomerId, PlannedUpgrade Upgrade);

/// <summary>Input of <see cref="Activities.ConvertTrial"/>.</summary>
public sealed record ConversionStep(TenantOperation Operation, string Step, string CustomerId, PlannedConversion Conversion);

/// <summary>Input of <see cref="Activities.RequestAdminAccess"/> (with a request) and <see cref="Activities.ReadAdminAccess"/> (the relationship id in <paramref name="Subject"/>).</summary>
/// <param name="Operation">Whose step it is.</param>
/// <param name="Subject">The customer's tenant id, or the relationship id.</param>
/// <param name="Request">The relationship to ask for.</param>
public sealed record AdminAccessStep(TenantOperation Operation, string Subject, Directory.AdminAccessRequest? Request);

/// <summary>Input of <see cref="Activities.AssignAdminAccess"/>.</summary>
public sealed record AdminAccessAssignmentStep(TenantOperation Operation, string RelationshipId, string SecurityGroupId, IReadOnlyList<string> RoleIds);

/// <summary>Input of <see cref="Activities.SaveTenant"/>: the record to write, or, with <paramref name="Remove"/>, to delete.</summary>
public sealed record SaveTenantStep(TenantOperation Operation, TenantRecord Tenant, bool Remove = false);

/// <summary>Input of <see cref="Activities.ReadSeatLimits"/>, <see cref="Activities.SubscribeToLimitChanges"/> and <see cref="Activities.UnsubscribeFromLimitChanges"/>.</summary>
public sealed record SeatLimitsStep(TenantOperation Operation, TenantRecord Tenant);

/// <summary>What <see cref="Activities.ReadSeatLimits"/> read: the plan the subscription's limits ask for now.</summary>
/// <param name="Plan">The subscriptions wanted.</param>
/// <param name="LicensePaths">Each license type's upgrade targets and trial offer.</param>
/// <param name="Limits">The limits read, by provisioning id.</param>
/// <param name="EventsRead">The tenant's count of limits-changed events before the limits were read.</param>
public sealed record SeatReading(
    IReadOnlyList<PlannedSubscription> Plan, IReadOnlyDictionary<string, LicensePaths> LicensePaths, IReadOnlyDictionary<string, long> Limits, long EventsRead);

/// <summary>Input of <see cref="Activities.MarkSeatLimitsApplied"/>.</summary>
public sealed record SeatLimitsAppliedStep(TenantOperation Operation, long EventsRead);

/// <summary>Input of <see cref="Activities.NotifyCustomer"/>: a notice to show, or, with a null <paramref name="Message"/>, to clear.</summary>
/// <param name="Operation">Whose step it is.</param>
/// <param name="AccountApsId">The customer's Commerce account; without one nobody is told.</param>
/// <param name="Topic">What it is about: one notice per tenant and topic.</param>
/// <param name="Message">The one line a person reads first, or null to clear the notice.</param>
/// <param name="Details">The link or records to act on.</param>
public sealed record CustomerNoticeStep(TenantOperation Operation, string? AccountApsId, string Topic, string? Message = null, string? Details = null);

/// <summary>Input of <see cref="Activities.AlertOperator"/>.</summary>
/// <param name="Operation">Whose step it is.</param>
/// <param name="Level"><c>info</c>, <c>warning</c> or <c>error</c>.</param>
/// <param name="Message">What the provider's operators read.</param>
public sealed record OperatorAlertStep(TenantOperation Operation, string Level, string Message);
