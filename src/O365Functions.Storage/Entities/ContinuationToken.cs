using System.Buffers.Text;
using System.Text;
using O365Functions.Core.State;

namespace O365Functions.Storage.Entities;

/// <summary>
/// Packs the position a partition query stopped at into an opaque token, so callers cannot depend on a store's
/// own paging format.
/// </summary>
internal static class ContinuationToken
{
    public static string Encode(params string[] parts) =>
        Base64Url.EncodeToString(Encoding.UTF8.GetBytes(string.Join('\n', parts)));

    public static string[] Decode(string token, int expectedParts)
    {
        try
        {
            var parts = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(token)).Split('\n');
            if (parts.Length == expectedParts)
            {
                return parts;
            }
        }
        catch (FormatException)
        {
        }

        throw new EntityStoreException(EntityStoreError.InvalidInput,
            "The continuation token is not one this store issued; pass the token of the previous page unchanged.");
    }
}
