namespace O365Functions.Api.Aps;

/// <summary>The APS 2 headers the gateway reads and writes.</summary>
public static class ApsHeaders
{
    /// <summary>The receiving application instance (a UUID); on every request.</summary>
    public const string InstanceId = "APS-Instance-ID";

    /// <summary><c>sync</c> or <c>async</c>.</summary>
    public const string RequestPhase = "APS-Request-Phase";

    /// <summary>The controller's base URL for calls back.</summary>
    public const string ControllerUri = "APS-Controller-URI";

    /// <summary>The controller's transaction, copied onto calls back that belong to it.</summary>
    public const string TransactionId = "APS-Transaction-ID";

    /// <summary>The resource a call back impersonates.</summary>
    public const string ResourceId = "APS-Resource-ID";

    /// <summary>On a 202: seconds until the controller asks again.</summary>
    public const string RetryTimeout = "APS-Retry-Timeout";

    /// <summary>On a 202: progress a person reads in the task manager.</summary>
    public const string Info = "APS-Info";

    /// <summary>App Service's forwarded TLS client certificate (base64 DER).</summary>
    public const string ForwardedClientCertificate = "X-ARR-ClientCert";
}
