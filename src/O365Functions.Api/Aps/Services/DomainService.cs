using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using O365Functions.Api.Aps.Http;
using O365Functions.Api.Aps.Package;
using O365Functions.Api.Aps.Phases;
using O365Functions.Api.Http;
using O365Functions.Core.Directory;
using O365Functions.Core.Provisioning;
using O365Functions.Core.State.Records;

namespace O365Functions.Api.Aps.Services;

/// <summary>
/// <c>domains</c>: a custom domain of a tenant. Provisioning adds it to the customer's tenant and returns the records to
/// publish as Microsoft gives them; <c>verify</c> asks Microsoft to check the TXT record, at most
/// <see cref="ProvisioningOptions.DomainVerificationsPerDay"/> times a day per domain; unprovisioning deletes it from the
/// tenant, which Microsoft allows only once no user or group there uses it (the refusal names them).
/// </summary>
public sealed class DomainService(GatewayRecords records, ApsPhases phases, IOptions<ProvisioningOptions> options, GatewayLimits limits) : TenantResourceService(records, limits)
{
    /// <inheritdoc />
    public override ApsType Type => ApsPackage.Domains;

    /// <inheritdoc />
    public override async Task<IResult> ProvisionAsync(ApsCall call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        if (!ApsFieldRules.IsUuid(call.ResourceId))
        {
            return ApsResults.BadRequest("InvalidApsId", "aps.id must be the domain resource's UUID, as the controller assigns it.");
        }

        var tenant = await TenantAsync(call, cancellationToken);
        var problems = new List<ApsErrorDetail>();
        var name = call.Body["name"] is { } value && value.GetValueKind() == System.Text.Json.JsonValueKind.String ? value.GetValue<string>().ToLowerInvariant() : null;
        if (name is null || !ApsFieldRules.IsDomainName(name))
        {
            problems.Add(new("InvalidValue", "name", "'name' must be a domain name such as contoso.com."));
        }

        if (TenantProblem(call, tenant) is { } tenantProblem)
        {
            problems.Add(tenantProblem);
        }
        else if (name is not null && await InTenantAsync(call.InstanceId, tenant!, name, call.ResourceId, cancellationToken))
        {
            problems.Add(new("DomainExists", "name", $"{Echo.Bounded(name, Limits.MaxEchoedLength)} is already a domain of the tenant."));
        }

        if (problems.Count > 0)
        {
            return ApsResults.Problems("InvalidDomain", problems, Limits);
        }

        var domain = new DomainRecord(call.InstanceId, tenant!.ApsId, call.ResourceId, name!, DomainStatus.Pending, 0);
        return await StartAsync(call, tenant, domain, DomainChangeKind.Provision, call.ChangeOf(), async () =>
        {
            await IndexAsync(call.InstanceId, tenant.ApsId, domain.ApsId, cancellationToken);
            await (await Records.GetAsync(cancellationToken)).SaveDomainAsync(domain, remove: false, cancellationToken);
        }, cancellationToken);
    }

    /// <inheritdoc />
    public override async Task<IResult> RetrieveAsync(ApsCall call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        return await FindAsync(call, cancellationToken) is { } domain ? Represent(domain.Record) : NotFound(call);
    }

    /// <summary>A domain's name cannot change: the same representation is answered as it is, another name refused.</summary>
    public override async Task<IResult> ConfigureAsync(ApsCall call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        if (await FindAsync(call, cancellationToken) is not { } domain)
        {
            return NotFound(call);
        }

        return call.Body["name"]?.GetValue<string>() is { } name && !string.Equals(name, domain.Record.Name, StringComparison.OrdinalIgnoreCase)
            ? ApsResults.BadRequest("NameFixed", $"A domain's name cannot change ({Echo.Bounded(domain.Record.Name, Limits.MaxEchoedLength)}). Remove this domain and add the new one.")
            : Represent(domain.Record);
    }

    /// <summary>
    /// Deletes the domain from the customer's tenant, then forgets it. While users or groups there still use it the
    /// operation fails naming them, and the domain stays in the tenant and in APS.
    /// </summary>
    public override async Task<IResult> UnprovisionAsync(ApsCall call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        if (await FindAsync(call, cancellationToken) is not { } stored)
        {
            return Results.NoContent();
        }

        var tenant = await TenantOfAsync(call.InstanceId, stored.Record.TenantApsId, cancellationToken);
        if (tenant?.MicrosoftTenantId is null)
        {
            await (await Records.GetAsync(cancellationToken)).SaveDomainAsync(stored.Record, remove: true, cancellationToken);
            return Results.NoContent();
        }

        return await StartAsync(call, tenant, stored.Record, DomainChangeKind.Remove, "remove"u8.ToArray(), null, cancellationToken);
    }

    /// <summary><c>POST /domains/{id}/verify</c>: one check with Microsoft, within the day's budget; answered with the domain's status.</summary>
    public override async Task<IResult> OperationAsync(ApsCall call, ApsOperation operation, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        if (await FindAsync(call, cancellationToken) is not { } stored)
        {
            return NotFound(call);
        }

        var domain = stored.Record;
        if (domain.Status == DomainStatus.Verified)
        {
            return Represent(domain);
        }

        var tenant = await TenantOfAsync(call.InstanceId, domain.TenantApsId, cancellationToken);
        if (TenantProblem(call, tenant) is { } problem)
        {
            return ApsResults.Problems("InvalidDomain", [problem], Limits);
        }

        // Each verify request is a new check: the count of checks made tells one from the next.
        return await StartAsync(call, tenant!, domain, DomainChangeKind.Verify, System.Text.Encoding.UTF8.GetBytes($"verify-{domain.VerificationAttempts}"), null, cancellationToken);
    }

    private async Task<IResult> StartAsync(ApsCall call, TenantRecord tenant, DomainRecord domain, DomainChangeKind kind, byte[] change, Func<Task>? beforeStart, CancellationToken cancellationToken)
    {
        var work = new DomainWork(kind, new TenantOperation(call.InstanceId, tenant.ApsId, string.Empty), tenant.MicrosoftTenantId!, domain, options.Value.DomainVerificationsPerDay, tenant.AccountApsId);
        var operation = new ApsOperationRequest(call.InstanceId, domain.ApsId, kind.ToString().ToLowerInvariant(), ManageDomainWorkflow.Name, work, change) { IsPoll = call.IsPoll };
        return await phases.StartOrPollAsync(
            operation,
            call.Workflows,
            workflow => Task.FromResult(kind == DomainChangeKind.Remove ? Results.NoContent() : Represent(workflow.ReadOutputAs<DomainRecord>() ?? domain)),
            beforeStart,
            cancellationToken);
    }

    private async Task<bool> InTenantAsync(string instanceId, TenantRecord tenant, string name, string apsId, CancellationToken cancellationToken) =>
        (await (await Records.GetAsync(cancellationToken)).ListAsync<DomainRecord>(RecordKey.TenantPartition(instanceId, tenant.ApsId), cancellationToken))
            .Any(d => d.Record.ApsId != apsId && string.Equals(d.Record.Name, name, StringComparison.OrdinalIgnoreCase));

    private Task<StoredRecord<DomainRecord>?> FindAsync(ApsCall call, CancellationToken cancellationToken) =>
        FindAsync<DomainRecord>(call, (tenant, domain) => RecordKey.Domain(call.InstanceId, tenant, domain), cancellationToken);

    private IResult Represent(DomainRecord domain) => ApsRepresentation.Ok(Type, domain.ApsId, new
    {
        domain.Name,
        domain.Status,
        VerificationRecords = domain.VerificationRecords ?? [],
        ServiceRecords = domain.ServiceRecords ?? [],
    });
}
