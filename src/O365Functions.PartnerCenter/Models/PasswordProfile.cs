namespace O365Functions.PartnerCenter.Models;

/// <summary>The initial password of a new customer user. Printing it hides the password.</summary>
public sealed record PasswordProfile(string Password, bool ForceChangePassword = true)
{
    /// <inheritdoc />
    public override string ToString() => $"PasswordProfile {{ Password = ***, ForceChangePassword = {ForceChangePassword} }}";
}
