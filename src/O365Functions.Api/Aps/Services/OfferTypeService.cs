using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Http;
using O365Functions.Api.Aps.Package;
using O365Functions.Api.Http;
using O365Functions.Core.Catalog;
using O365Functions.Core.State;
using O365Functions.Core.State.Records;

namespace O365Functions.Api.Aps.Services;

/// <summary>
/// <c>licenseTypes</c> and <c>addonTypes</c>: the instance's catalog. Every definition is checked against the rest of
/// the catalog before it is stored (a provisioning id used twice, parents or upgrades that do not exist, parents that
/// loop), so the catalog orders are resolved against is always consistent. Nothing here calls Microsoft.
/// </summary>
public sealed partial class OfferTypeService(ApsType type, InstanceCatalogs catalogs, GatewayRecords records, GatewayLimits limits) : ApsService
{
    private const int DefaultMaximum = 10_000;

    /// <inheritdoc />
    public override ApsType Type => type;

    private bool IsAddon => type == ApsPackage.AddonTypes;

    /// <inheritdoc />
    public override async Task<IResult> ProvisionAsync(ApsCall call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        var apsId = call.ResourceId;
        if (!Aps.Http.ApsFieldRules.IsUuid(apsId))
        {
            return ApsResults.BadRequest("InvalidApsId", "aps.id must be the new resource's UUID, as the controller assigns it.");
        }

        var all = await catalogs.ListAsync(call.InstanceId, cancellationToken);
        if (all.FirstOrDefault(r => r.Record.ApsId == apsId) is { } existing)
        {
            return Represent(existing.Record);
        }

        return await WriteAsync(call, all, apsId, previous: null, cancellationToken);
    }

    /// <inheritdoc />
    public override async Task<IResult> RetrieveAsync(ApsCall call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        var stored = await FindAsync(call, cancellationToken);
        return stored is null ? NotFound(call) : Represent(stored.Record);
    }

    /// <inheritdoc />
    public override async Task<IResult> ConfigureAsync(ApsCall call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        var all = await catalogs.ListAsync(call.InstanceId, cancellationToken);
        var previous = all.FirstOrDefault(r => r.Record.ApsId == call.Route.ResourceId);
        return previous is null ? NotFound(call) : await WriteAsync(call, all, previous.Record.ApsId!, previous, cancellationToken);
    }

    /// <summary>Removes the type, unless another type names it as a parent or an upgrade.</summary>
    public override async Task<IResult> UnprovisionAsync(ApsCall call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        var all = await catalogs.ListAsync(call.InstanceId, cancellationToken);
        var target = all.FirstOrDefault(r => r.Record.ApsId == call.Route.ResourceId);
        if (target is null)
        {
            return Results.NoContent();
        }

        var id = target.Record.ProvisioningId;
        var users = all
            .Where(r => r.Record.PossibleParentOffers.Concat(r.Record.PossibleUpgrades).Contains(id, StringComparer.OrdinalIgnoreCase))
            .Select(r => r.Record.ProvisioningId)
            .ToList();
        if (users.Count > 0)
        {
            return ApsResults.Error(StatusCodes.Status409Conflict, "TypeInUse",
                $"'{id}' is a parent offer or upgrade of {string.Join(", ", users)}. Change those types first, then remove this one.");
        }

        var store = await records.GetAsync(cancellationToken);
        await store.DeleteAsync(RecordKey.OfferType(call.InstanceId, target.Record.ApsId!), target.ETag, cancellationToken);
        return Results.NoContent();
    }

    private async Task<IResult> WriteAsync(
        ApsCall call, IReadOnlyList<StoredRecord<OfferTypeRecord>> all, string apsId, StoredRecord<OfferTypeRecord>? previous, CancellationToken cancellationToken)
    {
        var body = call.Body.Deserialize<OfferTypeBody>(GatewayJson.Options)!;
        var problems = Check(body);
        if (previous is not null && !string.Equals(previous.Record.ProvisioningId, body.ProvisioningId, StringComparison.OrdinalIgnoreCase))
        {
            problems.Add(new("ProvisioningIdChanged", "provisioningId",
                $"The provisioning id of a type cannot change (it was '{previous.Record.ProvisioningId}'): tenants' licenses name it. Create a new type instead."));
        }

        if (problems.Count > 0)
        {
            return ApsResults.Problems("InvalidOfferType", problems, limits);
        }

        var record = new OfferTypeRecord(
            call.InstanceId,
            IsAddon ? InstanceCatalogs.AddonKind : InstanceCatalogs.LicenseKind,
            body.ProvisioningId!,
            body.Name!,
            body.OfferId!,
            IsAddon ? null : body.TrialOfferId,
            body.AssignableToUsers ?? !IsAddon,
            IsAddon ? [] : body.PossibleUpgrades ?? [],
            IsAddon ? body.PossibleParentOffers ?? [] : [],
            (int)(body.MinimumQuantity ?? 1),
            (int)(body.MaximumQuantity ?? DefaultMaximum),
            apsId,
            body.TermDuration,
            body.BillingCycle);
        var rules = OfferDefinitionRules.Check(
            [.. all.Where(r => r.Record.ApsId != apsId).Select(r => InstanceCatalogs.ToOfferType(r.Record))],
            InstanceCatalogs.ToOfferType(record));
        if (rules.Count > 0)
        {
            return ApsResults.Problems("InvalidOfferType",
                [.. rules.Select(e => new ApsErrorDetail(e.Code.ToString(), FieldOf(e.Code), e.Message) { Offers = e.Offers.Count > 0 ? e.Offers : null })],
                limits);
        }

        var store = await records.GetAsync(cancellationToken);
        try
        {
            await store.PutAsync(RecordKey.OfferType(call.InstanceId, apsId), record, previous?.ETag, cancellationToken);
        }
        catch (EntityStoreException conflict) when (conflict.Error is EntityStoreError.AlreadyExists or EntityStoreError.PreconditionFailed or EntityStoreError.NotFound)
        {
            return ApsResults.Error(StatusCodes.Status409Conflict, "ConcurrentChange", $"The {type.Service} resource changed while this request was handled. Send the request again.");
        }

        return Represent(record);
    }

    private string FieldOf(CatalogErrorCode code) => code switch
    {
        CatalogErrorCode.DuplicateDefinition => "provisioningId",
        _ => IsAddon ? "possibleParentOffers" : "possibleUpgrades",
    };

    private List<ApsErrorDetail> Check(OfferTypeBody body)
    {
        var problems = new List<ApsErrorDetail>();
        if (body.ProvisioningId is { } id && !ProvisioningId().IsMatch(id))
        {
            problems.Add(new("InvalidValue", "provisioningId", "'provisioningId' must be 1 to 64 letters, digits, '.', '_', ':' or '-'."));
        }

        if (body.Name is { Length: 0 or > 256 })
        {
            problems.Add(new("InvalidValue", "name", "'name' must be 1 to 256 characters."));
        }

        foreach (var (field, value) in new[] { ("offerId", body.OfferId), ("trialOfferId", body.TrialOfferId) })
        {
            if (value is not null && !Guid.TryParse(value, out _) && !CatalogItemId().IsMatch(value))
            {
                problems.Add(new("InvalidValue", field,
                    $"'{field}' must be a legacy offer id (a GUID) or a new-commerce catalog item id such as CFQ7TTC0LH18:0001:CFQ7TTC0K971; '{Echo.Bounded(value, limits.MaxEchoedLength)}' is neither."));
            }
        }

        var minimum = body.MinimumQuantity ?? 1;
        var maximum = body.MaximumQuantity ?? DefaultMaximum;
        if (minimum < 1 || maximum > 1_000_000 || minimum > maximum)
        {
            problems.Add(new("InvalidValue", "minimumQuantity", "'minimumQuantity' and 'maximumQuantity' must satisfy 1 <= minimum <= maximum <= 1000000."));
        }

        if (IsAddon && body.PossibleParentOffers is { Count: 0 })
        {
            problems.Add(new("InvalidValue", "possibleParentOffers", "An add-on type needs at least one parent offer in 'possibleParentOffers'."));
        }

        if (!IsAddon && body.PossibleParentOffers is not null)
        {
            problems.Add(new("UnknownProperty", "possibleParentOffers", "'possibleParentOffers' belongs to add-on types; a license type has no parents."));
        }

        if (IsAddon && (body.PossibleUpgrades is not null || body.TrialOfferId is not null))
        {
            problems.Add(new("UnknownProperty", body.TrialOfferId is not null ? "trialOfferId" : "possibleUpgrades", "Add-on types have no trial offer and no upgrades."));
        }

        return problems;
    }

    private async Task<StoredRecord<OfferTypeRecord>?> FindAsync(ApsCall call, CancellationToken cancellationToken)
    {
        var store = await records.GetAsync(cancellationToken);
        return await store.GetAsync<OfferTypeRecord>(RecordKey.OfferType(call.InstanceId, call.Route.ResourceId!), cancellationToken);
    }

    private IResult Represent(OfferTypeRecord record) => ApsRepresentation.Ok(type, record.ApsId!, new
    {
        record.Name,
        record.OfferId,
        record.TrialOfferId,
        record.ProvisioningId,
        record.AssignableToUsers,
        PossibleUpgrades = IsAddon ? null : record.PossibleUpgrades,
        PossibleParentOffers = IsAddon ? record.PossibleParentOffers : null,
        record.TermDuration,
        record.BillingCycle,
        record.MinimumQuantity,
        record.MaximumQuantity,
        record.Withdrawn,
    });

    private IResult NotFound(ApsCall call) => ApsResults.Error(StatusCodes.Status404NotFound, "NotFound",
        $"This instance has no {type.Service} resource {Echo.Bounded(call.Route.ResourceId, limits.MaxEchoedLength)}.");

    [GeneratedRegex("^[A-Za-z0-9._:-]{1,64}$")]
    private static partial Regex ProvisioningId();

    [GeneratedRegex("^[A-Za-z0-9]{1,32}:[A-Za-z0-9]{1,16}(:[A-Za-z0-9]{1,32})?$")]
    private static partial Regex CatalogItemId();
}
