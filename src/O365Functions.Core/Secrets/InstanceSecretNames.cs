namespace O365Functions.Core.Secrets;

/// <summary>
/// Where an application instance's secrets are kept in the secret store. Each instance has its own names, so
/// instances never read each other's credentials.
/// </summary>
public static class InstanceSecretNames
{
    /// <summary>The partner app registration's client secret (<c>applicationSecret</c>).</summary>
    public static string ApplicationSecret(string instanceId) => Name(instanceId, "application-secret");

    /// <summary>The partner's consent refresh token.</summary>
    public static string RefreshToken(string instanceId) => Name(instanceId, "refresh-token");

    /// <summary>The instance's own certificate and private key from <c>aps.x509.self</c> (PEM).</summary>
    public static string SelfCertificate(string instanceId) => Name(instanceId, "x509-self");

    /// <summary>The controller's certificate from <c>aps.x509.controller</c> (PEM).</summary>
    public static string ControllerCertificate(string instanceId) => Name(instanceId, "x509-controller");

    /// <summary>
    /// A new tenant's initial admin password, kept (encrypted, as every secret) only until the provisioning result that
    /// returns it once has been answered.
    /// </summary>
    public static string TenantAdminPassword(string instanceId, string tenantApsId) => Name(instanceId, $"tenant-{tenantApsId}-admin-password");

    /// <summary>A new user's initial password, kept only until the user is created with it.</summary>
    public static string UserPassword(string instanceId, string userApsId) => Name(instanceId, $"user-{userApsId}-password");

    /// <summary>
    /// A password the gateway made for a user created from a Commerce service user without one, kept (encrypted) only
    /// until the provisioning result that returns it once has been answered.
    /// </summary>
    public static string GeneratedUserPassword(string instanceId, string userApsId) => Name(instanceId, $"user-{userApsId}-generated-password");

    private static string Name(string instanceId, string what)
    {
        var name = $"aps-{instanceId}-{what}";
        SecretNames.Validate(name);
        return name;
    }
}
