namespace O365Functions.PartnerCenter.Models;

/// <summary>The new tenant's first admin sign-in, returned once when a customer is created. Printing it hides the password.</summary>
public sealed record UserCredentials
{
    /// <summary>The admin's user name.</summary>
    public string? UserName { get; init; }

    /// <summary>The admin's one-time password; store it in the secret store, never in a record or log.</summary>
    public string? Password { get; init; }

    /// <inheritdoc />
    public override string ToString() => $"UserCredentials {{ UserName = {UserName}, Password = *** }}";
}
