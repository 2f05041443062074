using O365Functions.Core.Provisioning;
using O365Functions.Core.State.Records;

namespace O365Functions.Core.Directory;

/// <summary>What a user operation does.</summary>
public enum UserChangeKind
{
    /// <summary>Create the user and give it its licenses.</summary>
    Provision,

    /// <summary>Bring its licenses to those asked.</summary>
    Configure,

    /// <summary>Delete it.</summary>
    Remove,
}

/// <summary>The input of <see cref="ManageUserWorkflow"/>.</summary>
/// <param name="Kind">What to do.</param>
/// <param name="Operation">The instance and tenant.</param>
/// <param name="CustomerId">The customer's tenant id.</param>
/// <param name="User">The user's record as it should be afterwards.</param>
/// <param name="Profile">The directory user to create.</param>
/// <param name="WantedSubscriptionIds">The subscriptions whose licenses the user should have.</param>
/// <param name="ManagedSubscriptionIds">Every subscription the gateway bought for the tenant: licenses of others are left alone.</param>
public sealed record UserWork(
    UserChangeKind Kind,
    TenantOperation Operation,
    string CustomerId,
    UserRecord User,
    NewDirectoryUser Profile,
    IReadOnlyList<string> WantedSubscriptionIds,
    IReadOnlyList<string> ManagedSubscriptionIds);

/// <summary>What a domain operation does.</summary>
public enum DomainChangeKind
{
    /// <summary>Add the domain and read its records.</summary>
    Provision,

    /// <summary>Ask Microsoft to verify it, within the daily budget.</summary>
    Verify,

    /// <summary>Forget it.</summary>
    Remove,
}

/// <summary>The input of <see cref="ManageDomainWorkflow"/>.</summary>
/// <param name="Kind">What to do.</param>
/// <param name="Operation">The instance and tenant.</param>
/// <param name="CustomerId">The customer's tenant id.</param>
/// <param name="Domain">The domain's record.</param>
/// <param name="MaxVerificationsPerDay">Verify calls allowed per domain per UTC day.</param>
/// <param name="AccountApsId">The customer's Commerce account, told which records to publish.</param>
public sealed record DomainWork(DomainChangeKind Kind, TenantOperation Operation, string CustomerId, DomainRecord Domain, int MaxVerificationsPerDay, string? AccountApsId = null);

/// <summary>Input of <see cref="Activities.CreateUser"/>.</summary>
public sealed record CreateUserStep(TenantOperation Operation, string CustomerId, string UserApsId, NewDirectoryUser Profile);

/// <summary>Input of <see cref="Activities.SetUserLicenses"/>.</summary>
public sealed record UserLicensesStep(TenantOperation Operation, string CustomerId, string UserId, IReadOnlyList<string> WantedSubscriptionIds, IReadOnlyList<string> ManagedSubscriptionIds);

/// <summary>Input of <see cref="Activities.DeleteUser"/>.</summary>
public sealed record DeleteUserStep(TenantOperation Operation, string CustomerId, string UserPrincipalName);

/// <summary>Input of <see cref="Activities.SaveUser"/>.</summary>
public sealed record SaveUserStep(UserRecord User, bool Remove = false);

/// <summary>Input of <see cref="Activities.AddDomain"/> and <see cref="Activities.VerifyDomain"/>.</summary>
public sealed record DomainStep(TenantOperation Operation, string CustomerId, string Domain, int MaxVerificationsPerDay = 0);

/// <summary>Input of <see cref="Activities.SaveDomain"/>.</summary>
public sealed record SaveDomainStep(DomainRecord Domain, bool Remove = false);
