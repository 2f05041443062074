using O365Functions.Core.Provisioning;

namespace O365Functions.Core.Directory;

/// <summary>
/// What the user and domain workflows need from Microsoft Graph inside a customer's tenant, one call per step. Each
/// write first looks for its effect (a user with the sign-in name, licenses already assigned, a domain already
/// added), since Graph has no idempotency key. A role the partner lacks in the customer tenant (Graph's 403) is a
/// refusal that names the role, never a generic failure.
/// </summary>
public interface ITenantDirectory
{
    /// <summary>Creates the user, or returns the one with its sign-in name an earlier attempt created.</summary>
    Task<StepOutcome<string>> CreateUserAsync(CommerceCall call, string tenantId, NewDirectoryUser user, string password, CancellationToken cancellationToken);

    /// <summary>
    /// Gives the user the licenses of <paramref name="wantedSubscriptionIds"/> and takes away those of the other
    /// <paramref name="managedSubscriptionIds"/> (licenses the gateway did not buy are left alone). Returns the
    /// subscriptions whose licenses the user now has.
    /// </summary>
    Task<StepOutcome<bool>> SetLicensesAsync(
        CommerceCall call, string tenantId, string userId, IReadOnlyList<string> wantedSubscriptionIds, IReadOnlyList<string> managedSubscriptionIds, CancellationToken cancellationToken);

    /// <summary>Deletes the user; one already gone counts as deleted.</summary>
    Task<StepOutcome<bool>> DeleteUserAsync(CommerceCall call, string tenantId, string userPrincipalName, CancellationToken cancellationToken);

    /// <summary>Adds the domain (or finds it added) and returns the records to publish, exactly as Microsoft gives them.</summary>
    Task<StepOutcome<DomainRecords>> AddDomainAsync(CommerceCall call, string tenantId, string domain, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes the domain from the tenant; one already gone counts as deleted. A domain still used by users, groups or
    /// applications is a refusal that names them, and nothing is deleted.
    /// </summary>
    Task<StepOutcome<bool>> RemoveDomainAsync(CommerceCall call, string tenantId, string domain, CancellationToken cancellationToken);

    /// <summary>Asks Microsoft to check the verification record once: true when the domain is verified.</summary>
    Task<StepOutcome<bool>> VerifyDomainAsync(CommerceCall call, string tenantId, string domain, CancellationToken cancellationToken);

    /// <summary>
    /// Creates a GDAP relationship with the customer for <paramref name="request"/>'s roles and locks it for the
    /// customer's approval, or returns the one of that name an earlier attempt created.
    /// </summary>
    Task<StepOutcome<AdminAccess>> RequestAdminAccessAsync(CommerceCall call, string customerId, AdminAccessRequest request, CancellationToken cancellationToken);

    /// <summary>The relationship as it stands (<c>approvalPending</c>, <c>active</c>, <c>expired</c>...).</summary>
    Task<AdminAccess> ReadAdminAccessAsync(CommerceCall call, string relationshipId, CancellationToken cancellationToken);

    /// <summary>Gives the partner's security group the relationship's roles, unless an assignment for it exists.</summary>
    Task<StepOutcome<bool>> AssignAdminAccessAsync(CommerceCall call, string relationshipId, string securityGroupId, IReadOnlyList<string> roleIds, CancellationToken cancellationToken);
}

/// <summary>A GDAP relationship to ask a customer for.</summary>
/// <param name="DisplayName">Its name, unique per partner: the gateway's mark of the tenant.</param>
/// <param name="Duration">How long it lasts once approved.</param>
/// <param name="RoleIds">The Entra role template ids it grants.</param>
public sealed record AdminAccessRequest(string DisplayName, TimeSpan Duration, IReadOnlyList<string> RoleIds);

/// <summary>A GDAP relationship.</summary>
/// <param name="RelationshipId">Its id.</param>
/// <param name="Status">Graph's status.</param>
/// <param name="ApprovalUrl">Where the customer's admin approves it.</param>
public sealed record AdminAccess(string RelationshipId, AdminAccessStatus Status, Uri ApprovalUrl);

/// <summary>A user to create.</summary>
/// <param name="UserPrincipalName">Sign-in name.</param>
/// <param name="DisplayName">Display name.</param>
/// <param name="FirstName">Given name.</param>
/// <param name="LastName">Surname.</param>
/// <param name="UsageLocation">ISO-2 country the licenses are used in.</param>
public sealed record NewDirectoryUser(string UserPrincipalName, string DisplayName, string? FirstName, string? LastName, string UsageLocation);

/// <summary>A domain's DNS records: those that prove ownership, and those Microsoft 365's services need.</summary>
public sealed record DomainRecords(IReadOnlyList<DnsRecordInfo> Verification, IReadOnlyList<DnsRecordInfo> Service);

/// <summary>One DNS record as Graph describes it; the members that do not apply to its type are null.</summary>
/// <param name="RecordType"><c>TXT</c>, <c>MX</c>, <c>CNAME</c> or <c>SRV</c>.</param>
/// <param name="Label">Where it is published.</param>
/// <param name="Ttl">Time to live, in seconds.</param>
/// <param name="Text">A TXT record's text.</param>
/// <param name="MailExchange">An MX record's target.</param>
/// <param name="Preference">An MX record's preference.</param>
/// <param name="CanonicalName">A CNAME record's target.</param>
/// <param name="Service">An SRV record's service.</param>
/// <param name="Protocol">An SRV record's protocol.</param>
/// <param name="Port">An SRV record's port.</param>
/// <param name="Priority">An SRV record's priority.</param>
/// <param name="Weight">An SRV record's weight.</param>
/// <param name="NameTarget">An SRV record's target.</param>
public sealed record DnsRecordInfo(
    string RecordType,
    string Label,
    int Ttl,
    string? Text = null,
    string? MailExchange = null,
    int? Preference = null,
    string? CanonicalName = null,
    string? Service = null,
    string? Protocol = null,
    int? Port = null,
    int? Priority = null,
    int? Weight = null,
    string? NameTarget = null);
