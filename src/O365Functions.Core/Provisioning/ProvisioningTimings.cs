namespace O365Functions.Core.Provisioning;

/// <summary>
/// How long the tenant workflows wait for Microsoft and for customers, and how often they look. Fixed in a workflow's
/// input when it starts, so a settings change never alters a running workflow's replay.
/// </summary>
/// <param name="ActivationPollInterval">The first wait before subscriptions are read again; each later wait doubles, up to five minutes.</param>
/// <param name="ActivationTimeout">How long subscriptions may stay pending before the operation stops and says so.</param>
/// <param name="RelationshipPollInterval">How often an existing organization is looked for while its admin has not accepted (a webhook wakes the wait earlier).</param>
/// <param name="RelationshipTimeout">How long to wait for the admin to accept the reseller relationship.</param>
/// <param name="CancellationWindow">After purchase, how long a new-commerce subscription may be cancelled or reduced when Partner Center does not say (Microsoft documents 7 days).</param>
public sealed record ProvisioningTimings(
    TimeSpan ActivationPollInterval,
    TimeSpan ActivationTimeout,
    TimeSpan RelationshipPollInterval,
    TimeSpan RelationshipTimeout,
    TimeSpan CancellationWindow)
{
    /// <summary>The longest wait between two reads of pending subscriptions.</summary>
    public static readonly TimeSpan MaxActivationPollInterval = TimeSpan.FromMinutes(5);
}

/// <summary>The settings behind <see cref="ProvisioningTimings"/> (configuration section <c>Provisioning</c>).</summary>
public sealed class ProvisioningOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Provisioning";

    /// <inheritdoc cref="ProvisioningTimings.ActivationPollInterval"/>
    /// <remarks>
    /// Two seconds: Microsoft often activates within one, so the first look comes early (a tenant used to wait 15 s for
    /// it), and the doubling keeps a slow activation to a handful of reads.
    /// </remarks>
    public TimeSpan ActivationPollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <inheritdoc cref="ProvisioningTimings.ActivationTimeout"/>
    public TimeSpan ActivationTimeout { get; set; } = TimeSpan.FromHours(4);

    /// <inheritdoc cref="ProvisioningTimings.RelationshipPollInterval"/>
    public TimeSpan RelationshipPollInterval { get; set; } = TimeSpan.FromMinutes(30);

    /// <inheritdoc cref="ProvisioningTimings.RelationshipTimeout"/>
    public TimeSpan RelationshipTimeout { get; set; } = TimeSpan.FromDays(14);

    /// <inheritdoc cref="ProvisioningTimings.CancellationWindow"/>
    public TimeSpan CancellationWindow { get; set; } = TimeSpan.FromHours(168);

    /// <summary>
    /// Verify calls allowed per custom domain per UTC day, counted in the store across restarts (the legacy gateway's
    /// worst incident was 60,000 calls for one domain).
    /// </summary>
    public int DomainVerificationsPerDay { get; set; } = 20;

    /// <summary>
    /// The Entra role template ids a GDAP relationship asks for: the least the user, license and domain workflows need
    /// (User Administrator, License Administrator, Domain Name Administrator).
    /// </summary>
    public IReadOnlyList<string> AdminAccessRoles { get; set; } = ["fe930be7-5e62-47db-91af-98c3a49a38b1", "4d6ac14f-3453-41d0-bef9-a3e0c569773a", "8329153b-31d0-4727-b945-745eb3bc5f31"];

    /// <summary>How long a GDAP relationship lasts once approved (Microsoft allows up to two years).</summary>
    public TimeSpan AdminAccessDuration { get; set; } = TimeSpan.FromDays(730);

    /// <summary>
    /// Whether tenants the gateway creates also get a GDAP request. UNCERTAIN: what admin access a partner holds by
    /// default in a customer it creates; off assumes the default access serves, and a Graph 403 then names the missing
    /// role.
    /// </summary>
    public bool RequestAdminAccessForNewTenants { get; set; }

    /// <summary>The timings a workflow starting now works with.</summary>
    public ProvisioningTimings Timings() => new(ActivationPollInterval, ActivationTimeout, RelationshipPollInterval, RelationshipTimeout, CancellationWindow);
}
