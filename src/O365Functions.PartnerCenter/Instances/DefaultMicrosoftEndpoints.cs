using O365Functions.Core.State.Records;

namespace O365Functions.PartnerCenter.Instances;

/// <summary>
/// The Microsoft endpoints of instances that name none, in place of their cloud's public hosts: the local gateway
/// registers the emulator's (known once it listens); the Functions app registers none. Honoured only where
/// <see cref="MicrosoftEndpointPolicy.AllowCustomEndpoints"/> is on.
/// </summary>
/// <param name="Get">Reads the endpoints when an instance's clients are built.</param>
public sealed record DefaultMicrosoftEndpoints(Func<MicrosoftEndpointsRecord> Get);
