using System.Buffers.Binary;
using System.Text;

namespace O365Functions.Api.Aps.Package;

/// <summary>
/// The package's 64×64 icon, drawn here so the package is built from source alone: an "O365" tile in Microsoft 365's
/// orange on white. The same bytes every build (no timestamp chunk), so <c>APP-LIST.xml</c> stays the same.
/// </summary>
internal static class PackageIcon
{
    private const int Size = 64;

    /// <summary>The icon as a PNG file.</summary>
    public static byte[] Png()
    {
        var pixels = new byte[Size * ((Size * 3) + 1)];
        for (var y = 0; y < Size; y++)
        {
            var row = y * ((Size * 3) + 1);
            pixels[row] = 0; // no filter
            for (var x = 0; x < Size; x++)
            {
                var (r, g, b) = Colour(x, y);
                pixels[row + 1 + (x * 3)] = r;
                pixels[row + 2 + (x * 3)] = g;
                pixels[row + 3 + (x * 3)] = b;
            }
        }

        using var png = new MemoryStream();
        png.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, Size);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), Size);
        header[8] = 8; // bits per channel
        header[9] = 2; // RGB
        Chunk(png, "IHDR", header);
        Chunk(png, "IDAT", StoredZlib(pixels));

        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    /// <summary>A rounded orange tile with a white ring, the "O" of the mark.</summary>
    private static (byte R, byte G, byte B) Colour(int x, int y)
    {
        var (dx, dy) = (x - 31.5, y - 31.5);
        var distance = Math.Sqrt((dx * dx) + (dy * dy));
        var inTile = Math.Max(Math.Abs(dx), Math.Abs(dy)) < 30;
        return inTile && distance is > 12 and < 20 ? ((byte)255, (byte)255, (byte)255)
            : inTile ? ((byte)235, (byte)60, (byte)0)
            : ((byte)255, (byte)255, (byte)255);
    }

    private static void Chunk(Stream png, string type, byte[] data)
    {
        Span<byte> number = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(number, data.Length);
        png.Write(number);
        var typed = new byte[4 + data.Length];
        Encoding.ASCII.GetBytes(type, typed);
        data.CopyTo(typed, 4);
        png.Write(typed);
        BinaryPrimitives.WriteUInt32BigEndian(number, Crc32(typed));
        png.Write(number);
    }

    /// <summary>
    /// The pixels as a zlib stream of one stored (uncompressed) block: 12 KB, and byte for byte the same whatever
    /// compression library the runtime carries.
    /// </summary>
    private static byte[] StoredZlib(byte[] data)
    {
        var stream = new byte[2 + 5 + data.Length + 4];
        stream[0] = 0x78;
        stream[1] = 0x01;
        stream[2] = 1; // the final block, stored
        BinaryPrimitives.WriteUInt16LittleEndian(stream.AsSpan(3), (ushort)data.Length);
        BinaryPrimitives.WriteUInt16LittleEndian(stream.AsSpan(5), (ushort)~data.Length);
        data.CopyTo(stream, 7);
        uint a = 1, b = 0;
        foreach (var value in data)
        {
            a = (a + value) % 65521;
            b = (b + a) % 65521;
        }

        BinaryPrimitives.WriteUInt32BigEndian(stream.AsSpan(7 + data.Length), (b << 16) | a);
        return stream;
    }

    /// <summary>The CRC-32 PNG chunks carry (ISO 3309, reflected polynomial 0xEDB88320).</summary>
    private static uint Crc32(ReadOnlySpan<byte> bytes)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in bytes)
        {
            crc ^= b;
            for (var bit = 0; bit < 8; bit++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        return ~crc;
    }
}
