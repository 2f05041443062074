using System.Globalization;
using System.Text;

namespace O365Functions.Core.Provisioning;

/// <summary>
/// A new organization's <c>&lt;prefix&gt;.onmicrosoft.com</c> when the order names none: made from the company name,
/// and, when that is taken at Microsoft, the same with a number after it.
/// </summary>
public static class DomainPrefixes
{
    /// <summary>The longest prefix Microsoft accepts.</summary>
    public const int MaxLength = 27;

    /// <summary>How many numbered alternatives are tried after the prefix itself.</summary>
    public const int Alternatives = 9;

    /// <summary>
    /// The company name's letters and digits, lower case, accents removed, at most <see cref="MaxLength"/> long
    /// (<c>Contoso Pharmaceuticals, Inc.</c> → <c>contosopharmaceuticalsinc</c>); <c>tenant</c> when none are left.
    /// </summary>
    public static string FromCompanyName(string companyName)
    {
        ArgumentNullException.ThrowIfNull(companyName);
        var prefix = new StringBuilder();
        foreach (var c in companyName.Normalize(NormalizationForm.FormD))
        {
            if (char.IsAsciiLetterOrDigit(c) && prefix.Length < MaxLength)
            {
                prefix.Append(char.ToLower(c, CultureInfo.InvariantCulture));
            }
        }

        return prefix.Length > 0 ? prefix.ToString() : "tenant";
    }

    /// <summary>The prefix, then <c>prefix2</c> to <c>prefix10</c> (shortened to fit), in the order they are tried.</summary>
    public static IEnumerable<string> Candidates(string prefix)
    {
        ArgumentNullException.ThrowIfNull(prefix);
        yield return prefix;
        for (var n = 2; n <= Alternatives + 1; n++)
        {
            var suffix = n.ToString(CultureInfo.InvariantCulture);
            yield return prefix[..Math.Min(prefix.Length, MaxLength - suffix.Length)] + suffix;
        }
    }
}
