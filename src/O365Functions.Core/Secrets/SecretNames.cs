using System.Text.RegularExpressions;

namespace O365Functions.Core.Secrets;

/// <summary>Secret names every store accepts: Key Vault's rule (1 to 127 letters, digits and dashes).</summary>
public static partial class SecretNames
{
    /// <summary>Throws <see cref="ArgumentException"/> unless <paramref name="name"/> is a valid secret name.</summary>
    public static void Validate(string name)
    {
        if (name is null || !Pattern().IsMatch(name))
        {
            throw new ArgumentException(
                $"Secret name '{name}' is not allowed: use 1 to 127 letters, digits and dashes.", nameof(name));
        }
    }

    [GeneratedRegex("^[0-9A-Za-z-]{1,127}$")]
    private static partial Regex Pattern();
}
