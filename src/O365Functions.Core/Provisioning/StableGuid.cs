using System.Security.Cryptography;
using System.Text;

namespace O365Functions.Core.Provisioning;

/// <summary>
/// A GUID that is a function of a name (the first 16 bytes of its SHA-256, marked as a version 8 UUID), so that a step
/// run again after a crash sends Microsoft the same <c>MS-RequestId</c> and is answered with the first result.
/// </summary>
public static class StableGuid
{
    /// <summary>The GUID of <paramref name="name"/>.</summary>
    public static Guid From(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        Span<byte> hash = stackalloc byte[32];
        SHA256.HashData(Encoding.UTF8.GetBytes(name), hash);
        var bytes = hash[..16];
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x80);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }
}
