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
