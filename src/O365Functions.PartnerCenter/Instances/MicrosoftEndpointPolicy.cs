namespace O365Functions.PartnerCenter.Instances;

/// <summary>
/// Which Microsoft endpoints an application instance may reach, from the <c>Microsoft</c> configuration section on
/// both hosts.
/// </summary>
public sealed class MicrosoftEndpointPolicy
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Microsoft";

    /// <summary>
    /// Whether an instance's <c>endpoints</c> setting is honoured. Off by default: on a shared deployment it would let
    /// an instance send the partner's credentials anywhere. The local gateway and tests turn it on.
    /// </summary>
    public bool AllowCustomEndpoints { get; set; }
}
