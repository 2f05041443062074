using System.Diagnostics;
using System.Net.Sockets;
using System.Text;

namespace O365Functions.Api.Tests.Hostile;

/// <summary>HTTP/1.1 by hand over a socket, for the clients HttpClient will not be: trickling, or sending without end.</summary>
public static class RawHttp
{
    /// <summary>
    /// Sends a chunked body of up to <paramref name="totalBytes"/> in 64 KiB chunks and stops as soon as the server
    /// answers. The first chunk past <paramref name="limit"/> waits up to 10 s for the answer before the next, so how much
    /// is sent measures the server, not how quickly a loaded machine schedules its answer; a server that keeps reading
    /// then gets the rest at the usual pace.
    /// Returns the status and how many body bytes had been sent by then.
    /// </summary>
    public static async Task<(int Status, long BytesSent)> SendChunkedUntilAnsweredAsync(Uri address, string path, long totalBytes, long limit)
    {
        using var socket = await ConnectAsync(address);
        await using var stream = new NetworkStream(socket, ownsSocket: false);
        await stream.WriteAsync(Encoding.ASCII.GetBytes(
            $"POST {path} HTTP/1.1\r\nHost: {address.Authority}\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"));
        var answer = ReadStatusAsync(stream);
        var chunk = new byte[64 * 1024];
        Array.Fill(chunk, (byte)' ');
        var header = Encoding.ASCII.GetBytes($"{chunk.Length:X}\r\n");
        var trailer = "\r\n"u8.ToArray();
        long sent = 0;
        try
        {
            while (sent < totalBytes && !answer.IsCompleted)
            {
                await stream.WriteAsync(header);
                await stream.WriteAsync(chunk);
                await stream.WriteAsync(trailer);
                var crossedLimit = sent <= limit && sent + chunk.Length > limit;
                sent += chunk.Length;
                await Task.WhenAny(answer, Task.Delay(crossedLimit ? TimeSpan.FromSeconds(10) : TimeSpan.FromMilliseconds(10)));
            }
        }
        catch (IOException)
        {
            // The server closed the connection after answering.
        }

        return (await answer.WaitAsync(TimeSpan.FromSeconds(30)), sent);
    }

    /// <summary>Declares <paramref name="declaredBytes"/> and sends them at <paramref name="bytesPerSecond"/>; returns the status and when it came.</summary>
    public static async Task<(int Status, TimeSpan Elapsed)> TrickleAsync(Uri address, string path, int declaredBytes, int bytesPerSecond, TimeSpan giveUpAfter)
    {
        using var socket = await ConnectAsync(address);
        await using var stream = new NetworkStream(socket, ownsSocket: false);
        var clock = Stopwatch.StartNew();
        await stream.WriteAsync(Encoding.ASCII.GetBytes(
            $"POST {path} HTTP/1.1\r\nHost: {address.Authority}\r\nContent-Type: application/json\r\nContent-Length: {declaredBytes}\r\n\r\n{{"));
        var answer = ReadStatusAsync(stream);
        var slice = new byte[Math.Max(1, bytesPerSecond / 10)];
        Array.Fill(slice, (byte)' ');
        try
        {
            while (!answer.IsCompleted && clock.Elapsed < giveUpAfter)
            {
                await stream.WriteAsync(slice);
                await Task.Delay(100);
            }
        }
        catch (IOException)
        {
            // The server closed the connection after answering.
        }

        var status = await answer.WaitAsync(giveUpAfter);
        return (status, clock.Elapsed);
    }

    /// <summary>Posts <paramref name="body"/> with its Content-Length while reading the answer, which may come before the body is sent.</summary>
    public static async Task<(int Status, string Body)> PostAsync(Uri address, string path, byte[] body)
    {
        using var socket = await ConnectAsync(address);
        await using var stream = new NetworkStream(socket, ownsSocket: false);
        await stream.WriteAsync(Encoding.ASCII.GetBytes(
            $"POST {path} HTTP/1.1\r\nHost: {address.Authority}\r\nContent-Type: application/json\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n"));
        var sending = Task.Run(async () =>
        {
            try
            {
                await stream.WriteAsync(body);
            }
            catch (IOException)
            {
                // The server answered and closed the connection before taking the whole body.
            }
        });
        var status = await ReadStatusAsync(stream);
        var chunked = false;
        string? line;
        while ((line = await ReadLineAsync(stream)) is { Length: > 0 })
        {
            chunked |= line.Equals("Transfer-Encoding: chunked", StringComparison.OrdinalIgnoreCase);
        }

        using var answer = new MemoryStream();
        if (chunked)
        {
            int size;
            while ((size = int.Parse(await ReadLineAsync(stream) ?? "0", System.Globalization.NumberStyles.HexNumber, System.Globalization.CultureInfo.InvariantCulture)) > 0)
            {
                var chunk = new byte[size];
                await stream.ReadExactlyAsync(chunk);
                answer.Write(chunk);
                await ReadLineAsync(stream);
            }
        }
        else
        {
            await stream.CopyToAsync(answer);
        }

        socket.Close();
        await sending;
        return (status, Encoding.UTF8.GetString(answer.ToArray()));
    }

    private static async Task<Socket> ConnectAsync(Uri address)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true, SendBufferSize = 64 * 1024 };
        await socket.ConnectAsync(address.Host, address.Port);
        return socket;
    }

    private static async Task<int> ReadStatusAsync(Stream stream)
    {
        var parts = (await ReadLineAsync(stream) ?? string.Empty).Split(' ');
        return parts.Length > 1 && int.TryParse(parts[1], out var status) ? status : -1;
    }

    private static async Task<string?> ReadLineAsync(Stream stream)
    {
        var line = new StringBuilder();
        var one = new byte[1];
        while (await stream.ReadAsync(one) == 1)
        {
            if (one[0] == '\n')
            {
                return line.ToString().TrimEnd('\r');
            }

            line.Append((char)one[0]);
        }

        return line.Length > 0 ? line.ToString() : null;
    }
}
