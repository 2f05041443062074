using O365Functions.Core.State.Records;
using O365Functions.PartnerCenter.Auth;

namespace O365Functions.PartnerCenter.Instances;

/// <summary>
/// Where an instance's Microsoft calls go: its own <c>endpoints</c> where the gateway allows them, else the gateway's
/// default (the emulator, locally), else its cloud's public hosts.
/// </summary>
/// <param name="Login">Entra's authority host.</param>
/// <param name="PartnerCenter">Partner Center's base URL.</param>
/// <param name="Graph">Graph's base URL, without the version.</param>
/// <param name="PartnerCenterAudience">The token resource of Partner Center in this cloud.</param>
/// <param name="GraphAudience">The token resource of Graph in this cloud.</param>
public sealed record MicrosoftCloudEndpoints(Uri Login, Uri PartnerCenter, Uri Graph, string PartnerCenterAudience, string GraphAudience)
{
    /// <summary>The public hosts of <paramref name="cloud"/> (<c>global</c>, <c>china</c>, <c>usgov</c>).</summary>
    public static MicrosoftCloudEndpoints ForCloud(string cloud) => cloud switch
    {
        // The China audience is the China Partner Center host: an assumption (partner-center.md names the host only).
        "china" => new(EntraTokenOptions.ChinaAuthority, new("https://partner.partnercenterapi.microsoftonline.cn"), new("https://microsoftgraph.chinacloudapi.cn"), "https://partner.partnercenterapi.microsoftonline.cn", "https://microsoftgraph.chinacloudapi.cn"),
        "usgov" => new(EntraTokenOptions.UsGovernmentAuthority, new(TokenAudiences.PartnerCenter), new("https://graph.microsoft.us"), TokenAudiences.PartnerCenter, "https://graph.microsoft.us"),
        _ => new(EntraTokenOptions.GlobalAuthority, new(TokenAudiences.PartnerCenter), new(TokenAudiences.Graph), TokenAudiences.PartnerCenter, TokenAudiences.Graph),
    };

    /// <summary>
    /// The endpoints of <paramref name="instance"/>. Its own are honoured only where <paramref name="policy"/> allows
    /// custom endpoints, and then each must be one the policy lists (or a default); an instance naming another is
    /// refused here, where the partner's credentials would otherwise be sent to it.
    /// </summary>
    public static MicrosoftCloudEndpoints For(ApplicationInstanceRecord instance, MicrosoftEndpointPolicy policy, MicrosoftEndpointsRecord? defaults)
    {
        ArgumentNullException.ThrowIfNull(instance);
        ArgumentNullException.ThrowIfNull(policy);
        var cloud = ForCloud(instance.Cloud);
        if (policy.AllowCustomEndpoints && instance.Endpoints?.Named.FirstOrDefault(e => e.Url is not null && !policy.Allows(e.Url, defaults)).Url is { } refused)
        {
            throw new InvalidOperationException(
                $"Instance {instance.InstanceId} names the Microsoft endpoint {refused}, which Microsoft:AllowedEndpoints does not list; add its origin there, or install the instance without it.");
        }

        var custom = policy.AllowCustomEndpoints ? instance.Endpoints ?? defaults : null;
        return custom is null
            ? cloud
            : cloud with
            {
                Login = custom.Login is { } login ? new Uri(login) : cloud.Login,
                PartnerCenter = custom.PartnerCenter is { } partnerCenter ? new Uri(partnerCenter) : cloud.PartnerCenter,
                Graph = custom.Graph is { } graph ? new Uri(graph) : cloud.Graph,
            };
    }
}
