using System.Collections.Concurrent;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Extensions.Options;
using O365Functions.Core.Secrets;
using O365Functions.Core.State.Records;

namespace O365Functions.Api.Aps.Authentication;

/// <summary>
/// Finds installed instances by id, keeping each in memory for <see cref="ApsOptions.InstanceCacheDuration"/> so that
/// authenticating a request costs no store or vault read. A change made through this gateway is seen at once
/// (<see cref="Forget"/>); one made through another instance of the gateway within the cache duration.
/// </summary>
public sealed class ApsInstanceDirectory(GatewayRecords records, ISecretStore secrets, IOptions<ApsOptions> options, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, (ApsInstance? Instance, DateTimeOffset Expires)> _cache = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>The instance, or null when none is installed under <paramref name="instanceId"/>.</summary>
    public async Task<ApsInstance?> FindAsync(string instanceId, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        if (_cache.TryGetValue(instanceId, out var cached) && cached.Expires > now)
        {
            return cached.Instance;
        }

        var store = await records.GetAsync(cancellationToken).ConfigureAwait(false);
        var stored = await store.GetAsync<ApplicationInstanceRecord>(RecordKey.Instance(instanceId), cancellationToken).ConfigureAwait(false);
        ApsInstance? instance = null;
        if (stored is not null)
        {
            byte[]? controller = null;
            if (stored.Record.Authentication == ApsAuthenticationModes.Certificate
                && await secrets.GetAsync(InstanceSecretNames.ControllerCertificate(instanceId), cancellationToken).ConfigureAwait(false) is { } pem)
            {
                using var certificate = X509Certificate2.CreateFromPem(pem.Reveal());
                controller = certificate.RawData;
            }

            instance = new ApsInstance(stored.Record, stored.ETag, controller);
        }

        // Unknown ids are not remembered: made-up ids must not grow the cache.
        if (instance is not null)
        {
            _cache[instanceId] = (instance, now + options.Value.InstanceCacheDuration);
        }

        return instance;
    }

    /// <summary>Drops what is cached for the instance, after this gateway changed it.</summary>
    public void Forget(string instanceId) => _cache.TryRemove(instanceId, out _);
}
