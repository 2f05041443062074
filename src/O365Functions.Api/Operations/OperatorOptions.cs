namespace O365Functions.Api.Operations;

/// <summary>
/// Who else, besides a holder of the admin key, is an operator (section <see cref="Section"/>). On Azure, App Service
/// authentication (Entra ID) may sign operators in: App Service then sets the <c>X-MS-CLIENT-PRINCIPAL-*</c> headers
/// and removes any a client sent. Where it is not on, anyone could send those headers, so they are read only when
/// <see cref="AppServiceAuthentication"/> says it is.
/// </summary>
public sealed class OperatorOptions
{
    /// <summary>The configuration section (<c>Operators__...</c> on Azure).</summary>
    public const string Section = "Operators";

    /// <summary>Whether App Service authentication with Entra ID fronts the gateway (and so the principal headers are App Service's).</summary>
    public bool AppServiceAuthentication { get; set; }

    /// <summary>The Entra object ids of the operators App Service authentication lets in; nobody else signed in is one.</summary>
    public IList<string> Principals { get; } = [];
}
