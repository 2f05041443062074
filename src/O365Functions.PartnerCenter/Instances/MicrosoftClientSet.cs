using O365Functions.PartnerCenter.Auth;
using O365Functions.PartnerCenter.Graph;

namespace O365Functions.PartnerCenter.Instances;

/// <summary>One application instance's own Microsoft clients: its token source (its app registration, its secrets), and the Partner Center and Graph clients over it.</summary>
/// <param name="Endpoints">Where the clients call.</param>
/// <param name="Tokens">The instance's token source; no other instance reads its tokens.</param>
/// <param name="PartnerCenter">Partner Center for the instance's partner tenant.</param>
/// <param name="Graph">Microsoft Graph in the instance's cloud.</param>
/// <param name="PartnerTenantId">The partner's own tenant, where Graph keeps its GDAP relationships.</param>
public sealed record MicrosoftClientSet(
    MicrosoftCloudEndpoints Endpoints, SecureApplicationTokenSource Tokens, PartnerCenterClient PartnerCenter, GraphClient Graph, string PartnerTenantId) : IDisposable
{
    /// <inheritdoc />
    public void Dispose()
    {
        Graph.Dispose();
        Tokens.Dispose();
    }
}
