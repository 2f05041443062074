using System.Net;
using Microsoft.Graph.Models;
using O365Functions.Core.Directory;
using O365Functions.Core.Provisioning;
using O365Functions.PartnerCenter.Auth;
using O365Functions.PartnerCenter.Graph;
using O365Functions.PartnerCenter.Instances;

namespace O365Functions.PartnerCenter.Adapters;

/// <summary>
/// <see cref="ITenantDirectory"/> over each instance's <see cref="GraphClient"/>, in the customer's tenant. A Partner
/// Center subscription's licenses are found through the SKU that lists it in <c>subscribedSkus.subscriptionIds</c>.
/// </summary>
public sealed class GraphTenantDirectory(InstanceMicrosoftClients clients) : ITenantDirectory
{
    /// <inheritdoc />
    public Task<StepOutcome<string>> CreateUserAsync(CommerceCall call, string tenantId, NewDirectoryUser user, string password, CancellationToken cancellationToken) =>
        AnswerAsync(call, async graph =>
        {
            ArgumentNullException.ThrowIfNull(user);
            if (await graph.GetUserAsync(tenantId, user.UserPrincipalName, cancellationToken).ConfigureAwait(false) is { Id: { } existing })
            {
                return StepOutcome.Done(existing);
            }

            var created = await graph.CreateUserAsync(tenantId, new User
            {
                AccountEnabled = true,
                DisplayName = user.DisplayName,
                GivenName = user.FirstName,
                Surname = user.LastName,
                UserPrincipalName = user.UserPrincipalName,
                MailNickname = user.UserPrincipalName.Split('@')[0],
                UsageLocation = user.UsageLocation.ToUpperInvariant(),
                PasswordProfile = new PasswordProfile { Password = password, ForceChangePasswordNextSignIn = true },
            }, cancellationToken).ConfigureAwait(false);
            return StepOutcome.Done(created.Id!);
        }, cancellationToken);

    /// <inheritdoc />
    public Task<StepOutcome<bool>> SetLicensesAsync(
        CommerceCall call, string tenantId, string userId, IReadOnlyList<string> wantedSubscriptionIds, IReadOnlyList<string> managedSubscriptionIds, CancellationToken cancellationToken) =>
        AnswerAsync(call, async graph =>
        {
            ArgumentNullException.ThrowIfNull(wantedSubscriptionIds);
            ArgumentNullException.ThrowIfNull(managedSubscriptionIds);
            var skus = await graph.ListSubscribedSkusAsync(tenantId, cancellationToken).ConfigureAwait(false);
            Guid? SkuOf(string subscriptionId) => skus.FirstOrDefault(s => s.SubscriptionIds?.Contains(subscriptionId, StringComparer.OrdinalIgnoreCase) == true)?.SkuId;
            if (wantedSubscriptionIds.FirstOrDefault(id => SkuOf(id) is null) is { } missing)
            {
                return StepOutcome.Refused<bool>(new CommerceRefusal("LicenseNotAvailable",
                    $"Subscription {missing} lists no licenses in the customer's tenant yet (Microsoft has not activated it, or it was suspended).",
                    "Wait until the tenant's subscription is active, then send the request again."));
            }

            var wanted = wantedSubscriptionIds.Select(id => SkuOf(id)!.Value).ToHashSet();
            var managed = managedSubscriptionIds.Select(SkuOf).OfType<Guid>().ToHashSet();
            var current = await graph.CallAsync(tenantId, g => g.Users[userId].GetAsync(r => r.QueryParameters.Select = ["id", "assignedLicenses"], cancellationToken)).ConfigureAwait(false);
            var assigned = (current.AssignedLicenses ?? []).Select(l => l.SkuId).OfType<Guid>().ToHashSet();
            var add = wanted.Where(sku => !assigned.Contains(sku)).Select(sku => new AssignedLicense { SkuId = sku }).ToList();
            var remove = managed.Where(sku => !wanted.Contains(sku) && assigned.Contains(sku)).ToList();
            if (add.Count > 0 || remove.Count > 0)
            {
                await graph.AssignLicenseAsync(tenantId, userId, add, remove, cancellationToken).ConfigureAwait(false);
            }

            return StepOutcome.Done(true);
        }, cancellationToken);

    /// <inheritdoc />
    public Task<StepOutcome<bool>> DeleteUserAsync(CommerceCall call, string tenantId, string userPrincipalName, CancellationToken cancellationToken) =>
        AnswerAsync(call, async graph =>
        {
            await graph.DeleteUserAsync(tenantId, userPrincipalName, cancellationToken).ConfigureAwait(false);
            return StepOutcome.Done(true);
        }, cancellationToken);

    /// <inheritdoc />
    public Task<StepOutcome<DomainRecords>> AddDomainAsync(CommerceCall call, string tenantId, string domain, CancellationToken cancellationToken) =>
        AnswerAsync(call, async graph =>
        {
            if (!await ExistsAsync(graph, tenantId, domain, cancellationToken).ConfigureAwait(false))
            {
                await graph.AddDomainAsync(tenantId, domain, cancellationToken).ConfigureAwait(false);
            }

            var verification = await graph.ListVerificationDnsRecordsAsync(tenantId, domain, cancellationToken).ConfigureAwait(false);
            var service = await graph.ListServiceConfigurationRecordsAsync(tenantId, domain, cancellationToken).ConfigureAwait(false);
            return StepOutcome.Done(new DomainRecords([.. verification.Select(Record)], [.. service.Select(Record)]));
        }, cancellationToken);

    /// <inheritdoc />
    public Task<StepOutcome<bool>> RemoveDomainAsync(CommerceCall call, string tenantId, string domain, CancellationToken cancellationToken) =>
        AnswerAsync(call, async graph =>
        {
            if (!await ExistsAsync(graph, tenantId, domain, cancellationToken).ConfigureAwait(false))
            {
                return StepOutcome.Done(true);
            }

            var references = await graph.ListDomainNameReferencesAsync(tenantId, domain, cancellationToken).ConfigureAwait(false);
            if (references.Count > 0)
            {
                var named = references.Take(5).Select(reference => reference switch
                {
                    User user => user.UserPrincipalName ?? user.Id,
                    Group group => group.Mail ?? group.DisplayName ?? group.Id,
                    _ => reference.Id,
                });
                return StepOutcome.Refused<bool>(new CommerceRefusal("DomainInUse",
                    $"{domain} is still used by {references.Count} directory object(s) in the tenant: {string.Join(", ", named)}{(references.Count > 5 ? ", ..." : string.Empty)}.",
                    $"Unprovision the users on {domain}, or move them to another domain, then unprovision the domain again."));
            }

            await graph.DeleteDomainAsync(tenantId, domain, cancellationToken).ConfigureAwait(false);
            return StepOutcome.Done(true);
        }, cancellationToken);

    /// <inheritdoc />
    public Task<StepOutcome<bool>> VerifyDomainAsync(CommerceCall call, string tenantId, string domain, CancellationToken cancellationToken) =>
        AnswerAsync(call, async graph =>
        {
            try
            {
                var verified = await graph.VerifyDomainAsync(tenantId, domain, cancellationToken).ConfigureAwait(false);
                return StepOutcome.Done(verified.IsVerified == true);
            }
            catch (GraphException notYet) when (notYet.StatusCode == HttpStatusCode.BadRequest)
            {
                // Graph's answer while the TXT record is not found: the domain stays pending.
                return StepOutcome.Done(false);
            }
        }, cancellationToken);

    /// <inheritdoc />
    public Task<StepOutcome<AdminAccess>> RequestAdminAccessAsync(CommerceCall call, string customerId, AdminAccessRequest request, CancellationToken cancellationToken) =>
        AnswerAsync(call, async (graph, partner) =>
        {
            ArgumentNullException.ThrowIfNull(request);
            var relationships = await graph.CallAsync(partner, g => g.TenantRelationships.DelegatedAdminRelationships.GetAsync(cancellationToken: cancellationToken)).ConfigureAwait(false);
            var relationship = relationships.Value?.FirstOrDefault(r => r.DisplayName == request.DisplayName)
                ?? await graph.CallAsync(partner, g => g.TenantRelationships.DelegatedAdminRelationships.PostAsync(new DelegatedAdminRelationship
                {
                    DisplayName = request.DisplayName,
                    Duration = request.Duration,
                    Customer = new DelegatedAdminRelationshipCustomerParticipant { TenantId = customerId },
                    AccessDetails = new DelegatedAdminAccessDetails { UnifiedRoles = [.. request.RoleIds.Select(id => new UnifiedRole { RoleDefinitionId = id })] },
                }, cancellationToken: cancellationToken)).ConfigureAwait(false);
            if (relationship.Status == DelegatedAdminRelationshipStatus.Created)
            {
                await graph.CallAsync(partner, g => g.TenantRelationships.DelegatedAdminRelationships[relationship.Id].Requests.PostAsync(
                    new DelegatedAdminRelationshipRequest { Action = DelegatedAdminRelationshipRequestAction.LockForApproval }, cancellationToken: cancellationToken)).ConfigureAwait(false);
                relationship.Status = DelegatedAdminRelationshipStatus.ApprovalPending;
            }

            return StepOutcome.Done(Access(relationship));
        }, cancellationToken);

    /// <inheritdoc />
    public async Task<AdminAccess> ReadAdminAccessAsync(CommerceCall call, string relationshipId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        var set = await clients.ForInstanceAsync(call.InstanceId, cancellationToken).ConfigureAwait(false);
        return Access(await set.Graph.CallAsync(set.PartnerTenantId,
            g => g.TenantRelationships.DelegatedAdminRelationships[relationshipId].GetAsync(cancellationToken: cancellationToken)).ConfigureAwait(false));
    }

    /// <inheritdoc />
    public Task<StepOutcome<bool>> AssignAdminAccessAsync(CommerceCall call, string relationshipId, string securityGroupId, IReadOnlyList<string> roleIds, CancellationToken cancellationToken) =>
        AnswerAsync(call, async (graph, partner) =>
        {
            ArgumentNullException.ThrowIfNull(roleIds);
            var assignments = graph.CallAsync(partner, g => g.TenantRelationships.DelegatedAdminRelationships[relationshipId].AccessAssignments.GetAsync(cancellationToken: cancellationToken));
            if ((await assignments.ConfigureAwait(false)).Value?.Any(a => a.AccessContainer?.AccessContainerId == securityGroupId) != true)
            {
                await graph.CallAsync(partner, g => g.TenantRelationships.DelegatedAdminRelationships[relationshipId].AccessAssignments.PostAsync(new DelegatedAdminAccessAssignment
                {
                    AccessContainer = new DelegatedAdminAccessContainer { AccessContainerId = securityGroupId, AccessContainerType = DelegatedAdminAccessContainerType.SecurityGroup },
                    AccessDetails = new DelegatedAdminAccessDetails { UnifiedRoles = [.. roleIds.Select(id => new UnifiedRole { RoleDefinitionId = id })] },
                }, cancellationToken: cancellationToken)).ConfigureAwait(false);
            }

            return StepOutcome.Done(true);
        }, cancellationToken);

    /// <summary>Where the customer's admin approves a relationship (Microsoft 365 admin center).</summary>
    private static AdminAccess Access(DelegatedAdminRelationship relationship) => new(
        relationship.Id!,
        relationship.Status is { } status && Enum.TryParse<AdminAccessStatus>(status.ToString(), out var known) ? known : AdminAccessStatus.Unknown,
        new Uri($"https://admin.microsoft.com/AdminPortal/Home#/partners/invitation/granularAdminRelationships/{relationship.Id}"));

    private Task<StepOutcome<T>> AnswerAsync<T>(CommerceCall call, Func<GraphClient, Task<StepOutcome<T>>> step, CancellationToken cancellationToken) =>
        AnswerAsync(call, (graph, _) => step(graph), cancellationToken);

    private async Task<StepOutcome<T>> AnswerAsync<T>(CommerceCall call, Func<GraphClient, string, Task<StepOutcome<T>>> step, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        try
        {
            var set = await clients.ForInstanceAsync(call.InstanceId, cancellationToken).ConfigureAwait(false);
            return await step(set.Graph, set.PartnerTenantId).ConfigureAwait(false);
        }
        catch (Exception refused) when (Refusal(refused) is { } refusal)
        {
            return StepOutcome.Refused<T>(refusal);
        }
    }

    /// <summary>Graph's answers that trying again will not change; lost outcomes, throttling and 5xx are faults to retry.</summary>
    private static CommerceRefusal? Refusal(Exception exception) => exception switch
    {
        ConsentRequiredException consent => new CommerceRefusal("consentRequired", consent.Message,
            "The partner's consent is gone: give it again (POST /aps/app/{id}/authenticate, or refreshToken), then send the request again."),
        GraphException { StatusCode: HttpStatusCode.Forbidden } denied => new CommerceRefusal("MissingAdminRole",
            $"Microsoft Graph refused the call in the customer's tenant ({denied.ErrorCode}): the partner holds no admin role there that allows it.",
            "Grant the partner's security group the User Administrator and License Administrator roles (Domain Name Administrator for domains) " +
            "through a GDAP relationship the customer's admin approves, then send the request again."),
        GraphException { IsOutcomeUnknown: false } failed when (int)failed.StatusCode is >= 400 and < 500 and not 408 and not 429 => new CommerceRefusal(
            failed.ErrorCode ?? ((int)failed.StatusCode).ToString(System.Globalization.CultureInfo.InvariantCulture),
            failed.Message,
            failed.Message.Contains("licenses left", StringComparison.OrdinalIgnoreCase)
                ? "The license has no free seat: raise the tenant's limit for it or take it from another user, then send the request again."
                : "Correct what Microsoft names, then send the request again."),
        _ => null,
    };

    private static async Task<bool> ExistsAsync(GraphClient graph, string tenantId, string domain, CancellationToken cancellationToken)
    {
        try
        {
            await graph.CallAsync(tenantId, g => g.Domains[domain].GetAsync(cancellationToken: cancellationToken)).ConfigureAwait(false);
            return true;
        }
        catch (GraphException missing) when (missing.StatusCode == HttpStatusCode.NotFound)
        {
            return false;
        }
    }

    private static DnsRecordInfo Record(DomainDnsRecord record) => record switch
    {
        DomainDnsTxtRecord txt => new DnsRecordInfo("TXT", txt.Label ?? string.Empty, txt.Ttl ?? 3600, Text: txt.Text),
        DomainDnsMxRecord mx => new DnsRecordInfo("MX", mx.Label ?? string.Empty, mx.Ttl ?? 3600, MailExchange: mx.MailExchange, Preference: mx.Preference),
        DomainDnsCnameRecord cname => new DnsRecordInfo("CNAME", cname.Label ?? string.Empty, cname.Ttl ?? 3600, CanonicalName: cname.CanonicalName),
        DomainDnsSrvRecord srv => new DnsRecordInfo("SRV", srv.Label ?? string.Empty, srv.Ttl ?? 3600,
            Service: srv.Service, Protocol: srv.Protocol, Port: srv.Port, Priority: srv.Priority, Weight: srv.Weight, NameTarget: srv.NameTarget),
        _ => new DnsRecordInfo(record.RecordType?.ToUpperInvariant() ?? "UNKNOWN", record.Label ?? string.Empty, record.Ttl ?? 3600),
    };
}
