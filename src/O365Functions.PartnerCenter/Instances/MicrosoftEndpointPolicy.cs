using O365Functions.Core.State.Records;

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

    /// <summary>
    /// The origins (<c>scheme://host:port</c>) an instance's <c>endpoints</c> may name, besides the gateway's own
    /// defaults (the emulator's, locally). An instance cannot point the gateway, and the partner's credentials, at a
    /// host the provider did not name here, a loopback port included.
    /// </summary>
    public IList<string> AllowedEndpoints { get; } = [];

    /// <summary>Whether an instance may name <paramref name="url"/> as one of its endpoints.</summary>
    public bool Allows(string url, MicrosoftEndpointsRecord? defaults)
    {
        ArgumentNullException.ThrowIfNull(url);
        if (!AllowCustomEndpoints || !Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            return false;
        }

        var origin = uri.GetLeftPart(UriPartial.Authority);
        bool Same(string? other) => other is not null && Uri.TryCreate(other, UriKind.Absolute, out var o) && string.Equals(o.GetLeftPart(UriPartial.Authority), origin, StringComparison.OrdinalIgnoreCase);
        return AllowedEndpoints.Any(Same) || (defaults?.Named.Any(d => Same(d.Url)) ?? false);
    }
}
