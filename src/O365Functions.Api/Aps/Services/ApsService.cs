using Microsoft.AspNetCore.Http;
using O365Functions.Api.Aps.Package;

namespace O365Functions.Api.Aps.Services;

/// <summary>
/// The handlers of one APS service. Each operation the type does not support answers what APS runtimes answer for
/// it; link and unlink notifications are acknowledged, since the gateway reads links from resource bodies.
/// </summary>
public abstract class ApsService
{
    /// <summary>The type this service serves.</summary>
    public abstract ApsType Type { get; }

    /// <summary><c>POST /{service}</c>: provision a resource (or install, for the root service).</summary>
    public abstract Task<IResult> ProvisionAsync(ApsCall call, CancellationToken cancellationToken);

    /// <summary><c>GET /{service}/{id}</c>: the resource's current properties.</summary>
    public abstract Task<IResult> RetrieveAsync(ApsCall call, CancellationToken cancellationToken);

    /// <summary><c>PUT /{service}/{id}</c>: configure, with the full representation.</summary>
    public abstract Task<IResult> ConfigureAsync(ApsCall call, CancellationToken cancellationToken);

    /// <summary><c>DELETE /{service}/{id}</c>: unprovision.</summary>
    public abstract Task<IResult> UnprovisionAsync(ApsCall call, CancellationToken cancellationToken);

    /// <summary>A custom operation the type declares.</summary>
    public virtual Task<IResult> OperationAsync(ApsCall call, ApsOperation operation, CancellationToken cancellationToken) =>
        Task.FromResult(ApsResults.Error(StatusCodes.Status501NotImplemented, "NotImplemented", $"{Type.Service}/{operation?.Path} is not available in this release."));

    /// <summary><c>POST /{service}/{id}/{relation}</c>: a resource was linked.</summary>
    public virtual Task<IResult> LinkAsync(ApsCall call, ApsRelation relation, CancellationToken cancellationToken) => Task.FromResult(Results.NoContent());

    /// <summary><c>DELETE /{service}/{id}/{relation}/{id2}</c>: a resource was unlinked.</summary>
    public virtual Task<IResult> UnlinkAsync(ApsCall call, ApsRelation relation, CancellationToken cancellationToken) => Task.FromResult(Results.NoContent());
}
