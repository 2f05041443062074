using O365Functions.Core.Provisioning;
using O365Functions.Core.State.Records;
using O365Functions.Core.Vocabulary;

namespace O365Functions.Core.Reconciliation;

/// <summary>
/// Compares a tenant's record with Partner Center's subscriptions and says what to do, under one policy: Microsoft is
/// the truth of what is bought, so the record follows it (a changed quantity or status, a subscription the gateway
/// bought but had not recorded), and nothing is ever changed at Microsoft. A subscription the record holds that
/// Microsoft does not list is never dropped: it needs a person. And when the read was not complete (Partner Center
/// listed fewer than it counted), nothing is changed at all: the findings are reported only.
/// </summary>
public static class TenantReconciler
{
    /// <summary>The report, and the record as it should be (unchanged when nothing may be fixed).</summary>
    public static (ReconciliationReport Report, TenantRecord Tenant) Reconcile(TenantRecord tenant, SubscriptionListing listing, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(tenant);
        ArgumentNullException.ThrowIfNull(listing);
        var findings = new List<ReconciliationFinding>();
        var complete = listing.IsComplete;
        var fix = complete ? FindingAction.Fixed : FindingAction.Noted;
        var records = new List<SubscriptionRecord>();
        foreach (var record in tenant.Subscriptions)
        {
            var live = listing.Subscriptions.FirstOrDefault(s => s.SubscriptionId == record.SubscriptionId);
            if (live is null)
            {
                findings.Add(new(record.ProvisioningId, record.SubscriptionId,
                    complete ? "Partner Center does not list this subscription." : "This subscription was not in the partial list Partner Center returned.",
                    complete ? FindingAction.NeedsPerson : FindingAction.Noted));
                records.Add(record);
                continue;
            }

            var updated = record;
            if (live.Quantity != record.Quantity)
            {
                findings.Add(new(record.ProvisioningId, record.SubscriptionId, $"Seats: the gateway recorded {record.Quantity}, Partner Center has {live.Quantity}.", fix));
                updated = updated with { Quantity = live.Quantity };
            }

            if (live.Status != record.Status)
            {
                findings.Add(new(record.ProvisioningId, record.SubscriptionId, $"Status: the gateway recorded {record.Status.Word()}, Partner Center has {live.Status.Word()}.", fix));
                updated = updated with { Status = live.Status };
            }

            records.Add(complete ? updated : record);
        }

        foreach (var live in listing.Subscriptions.Where(s => tenant.Subscriptions.All(r => r.SubscriptionId != s.SubscriptionId)))
        {
            if (PurchaseNames.ProvisioningId(live.FriendlyName, tenant.ApsId) is { } provisioningId && TenantRun.IsLive(live))
            {
                findings.Add(new(provisioningId, live.SubscriptionId, "Bought by the gateway for this tenant but not in its record.", fix));
                if (complete)
                {
                    records.Add(new SubscriptionRecord(provisioningId, live.SubscriptionId, live.OfferId, live.Quantity, live.Status, live.ParentSubscriptionId, live.AutoRenewEnabled));
                }
            }
            else if (TenantRun.IsLive(live))
            {
                findings.Add(new(null, live.SubscriptionId, $"A subscription the gateway did not buy ({live.OfferId}, {live.Quantity} seats); left alone.", FindingAction.Noted));
            }
        }

        var summary = findings.Count == 0
            ? "The gateway's record matches Partner Center."
            : $"{findings.Count(f => f.Action == FindingAction.Fixed)} fixed, {findings.Count(f => f.Action == FindingAction.NeedsPerson)} need a person, {findings.Count(f => f.Action == FindingAction.Noted)} noted" +
              (complete ? "." : "; Partner Center's list was partial, so nothing was changed.");
        return (new ReconciliationReport(tenant.ApsId, at, complete, findings, summary), complete ? tenant with { Subscriptions = records } : tenant);
    }
}
