using System.Security.Cryptography;

namespace O365Functions.Api.Aps.Services;

/// <summary>
/// Makes a first password for a user the controller sent without one: 16 characters from a cryptographic source, with
/// an upper-case letter, a lower-case letter, a digit and a symbol, so it meets Entra's complexity rule; the user
/// changes it at first sign-in.
/// </summary>
internal static class InitialPasswords
{
    private const string Upper = "ABCDEFGHJKLMNPQRSTUVWXYZ";
    private const string Lower = "abcdefghijkmnopqrstuvwxyz";
    private const string Digits = "23456789";
    private const string Symbols = "!@#$%*-_=+?";
    private const int Length = 16;

    public static string Generate()
    {
        var all = Upper + Lower + Digits + Symbols;
        var characters = new char[Length];
        characters[0] = Upper[RandomNumberGenerator.GetInt32(Upper.Length)];
        characters[1] = Lower[RandomNumberGenerator.GetInt32(Lower.Length)];
        characters[2] = Digits[RandomNumberGenerator.GetInt32(Digits.Length)];
        characters[3] = Symbols[RandomNumberGenerator.GetInt32(Symbols.Length)];
        for (var i = 4; i < Length; i++)
        {
            characters[i] = all[RandomNumberGenerator.GetInt32(all.Length)];
        }

        RandomNumberGenerator.Shuffle(characters.AsSpan());
        return new string(characters);
    }
}
