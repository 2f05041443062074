namespace O365Functions.PartnerCenter.Graph;

/// <summary>A new Graph user's initial password. Printing it hides the password.</summary>
public sealed record GraphPasswordProfile(string Password, bool ForceChangePasswordNextSignIn = true)
{
    /// <inheritdoc />
    public override string ToString() => $"GraphPasswordProfile {{ Password = ***, ForceChangePasswordNextSignIn = {ForceChangePasswordNextSignIn} }}";
}
