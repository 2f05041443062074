using O365Functions.Api.Aps.Http;
using O365Functions.Api.Aps.Package;
using O365Functions.Api.Http;
using O365Functions.Core.State.Records;

namespace O365Functions.Api.Aps.Services;

/// <summary><c>domains</c>: a custom domain's name, checked before anything is asked of Microsoft.</summary>
public sealed class DomainService(GatewayRecords records, GatewayLimits limits) : TenantResourceService(records, limits)
{
    /// <inheritdoc />
    public override ApsType Type => ApsPackage.Domains;

    /// <inheritdoc />
    protected override string Work => "managing custom domains";

    /// <inheritdoc />
    protected override Task<List<ApsErrorDetail>> CheckAsync(ApsCall call, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(call);
        var problems = new List<ApsErrorDetail>();
        if (call.Body["name"] is { } name && (name.GetValueKind() != System.Text.Json.JsonValueKind.String || !ApsFieldRules.IsDomainName(name.GetValue<string>())))
        {
            problems.Add(new("InvalidValue", "name", "'name' must be a domain name such as contoso.com."));
        }

        return Task.FromResult(problems);
    }
}
