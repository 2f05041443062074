namespace O365Functions.Api.Aps.Package;

/// <summary>Who may write and read a property.</summary>
public enum ApsAccess
{
    /// <summary>Sent by the controller and returned by the gateway.</summary>
    ReadWrite,

    /// <summary>Sent by the controller, stored as a secret, never returned (an application secret, a password).</summary>
    WriteOnly,

    /// <summary>Set by the gateway; the controller may send back what it was given (configure sends the full representation), and that value is ignored.</summary>
    ReadOnly,
}
