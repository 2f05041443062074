namespace O365Functions.Core.Secrets;

/// <summary>
/// One version of a secret. Its text is reachable only through <see cref="Reveal"/>, and <see cref="ToString"/>
/// never shows it, so a secret that ends up in a log line or an exception message shows as <c>***</c>.
/// </summary>
public sealed class SecretValue
{
    private readonly string _value;

    /// <summary>Creates a secret value.</summary>
    public SecretValue(string name, string version, string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        Name = name;
        Version = version;
        _value = value;
    }

    /// <summary>The secret's name.</summary>
    public string Name { get; }

    /// <summary>The version this value belongs to.</summary>
    public string Version { get; }

    /// <summary>The secret text. Hand it only to the call that needs it; never log it.</summary>
    public string Reveal() => _value;

    /// <inheritdoc />
    public override string ToString() => $"SecretValue {{ Name = {Name}, Version = {Version}, Value = *** }}";
}
