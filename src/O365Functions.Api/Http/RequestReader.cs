using System.Buffers;
using System.Diagnostics;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using O365Functions.Api.Aps;

namespace O365Functions.Api.Http;

/// <summary>
/// Reads request bodies for every handler under <see cref="GatewayLimits"/>: the size limit is enforced while reading
/// (with or without Content-Length, chunked or not), the whole body must arrive within the body timeout, and a JSON
/// body is checked for depth and keys before it is bound. Every refusal is a 4xx that names the limit, and the error
/// never repeats parser or framework text.
/// </summary>
public sealed class RequestReader(GatewayLimits limits, ClientErrorLog log)
{
    private const int ChunkBytes = 16 * 1024;

    /// <summary>The body's bytes, at most <paramref name="maxBytes"/> of them.</summary>
    public async Task<BodyRead<ReadOnlyMemory<byte>>> ReadBytesAsync(HttpRequest request, int maxBytes, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.ContentLength > maxBytes)
        {
            return Refuse<ReadOnlyMemory<byte>>(request, TooLarge(maxBytes));
        }

        var body = new ArrayBufferWriter<byte>((int)Math.Clamp(request.ContentLength ?? ChunkBytes, 1, maxBytes + 1L));
        var reader = request.BodyReader;

        // The deadline cancels the pending read rather than the read's token: a cancelled token leaves the server's
        // body reader mid-read, and the server then fails to drain the connection. It is armed only when the body is
        // not already buffered, which a small body usually is, so most requests pay for no timer.
        var started = Stopwatch.GetTimestamp();
        CancellationTokenSource? deadline = null;
        var stopReading = default(CancellationTokenRegistration);
        try
        {
            while (true)
            {
                if (!reader.TryRead(out var read))
                {
                    if (deadline is null)
                    {
                        deadline = new CancellationTokenSource(limits.BodyTimeout - Stopwatch.GetElapsedTime(started));
                        stopReading = deadline.Token.Register(reader.CancelPendingRead);
                    }

                    read = await reader.ReadAsync(cancellationToken).ConfigureAwait(false);
                }

                var buffer = read.Buffer;
                if (read.IsCanceled)
                {
                    reader.AdvanceTo(buffer.Start, buffer.End);
                    return Refuse<ReadOnlyMemory<byte>>(request, ApsResults.Error(StatusCodes.Status408RequestTimeout, "RequestBodyTimeout",
                        $"The request body did not arrive within {limits.BodyTimeout.TotalSeconds:0} seconds. Send the whole body at once."));
                }

                var tooLarge = body.WrittenCount + buffer.Length > maxBytes;
                if (!tooLarge)
                {
                    foreach (var segment in buffer)
                    {
                        body.Write(segment.Span);
                    }
                }

                reader.AdvanceTo(buffer.End);
                if (tooLarge)
                {
                    return Refuse<ReadOnlyMemory<byte>>(request, TooLarge(maxBytes));
                }

                if (read.IsCompleted)
                {
                    break;
                }
            }
        }
        catch (BadHttpRequestException exception)
        {
            // The server's own limits (body size, minimum data rate) and malformed framing; its text stays in here.
            return Refuse<ReadOnlyMemory<byte>>(request, exception.StatusCode switch
            {
                StatusCodes.Status413PayloadTooLarge => TooLarge(maxBytes),
                StatusCodes.Status408RequestTimeout => ApsResults.Error(StatusCodes.Status408RequestTimeout, "RequestBodyTimeout",
                    "The request body arrived too slowly. Send the whole body at once."),
                _ => ApsResults.BadRequest("MalformedRequest", "The request is not well-formed HTTP (for example a broken chunked body). Send it again."),
            });
        }
        finally
        {
            stopReading.Dispose();
            deadline?.Dispose();
        }

        return new BodyRead<ReadOnlyMemory<byte>>(body.WrittenMemory, null);
    }

    /// <summary>
    /// A JSON body bound to <typeparamref name="T"/>: <c>application/json</c>, at most
    /// <see cref="GatewayLimits.JsonBodyBytes"/>, nested at most <see cref="GatewayLimits.MaxJsonDepth"/> deep, with at
    /// most <see cref="GatewayLimits.MaxJsonKeys"/> property names of at most <see cref="GatewayLimits.MaxJsonKeyLength"/>
    /// characters. <paramref name="example"/> shows the caller what to send when the body is not what was expected.
    /// </summary>
    public async Task<BodyRead<T>> ReadJsonAsync<T>(HttpRequest request, string example, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (!request.HasJsonContentType())
        {
            return Refuse<T>(request, ApsResults.Error(StatusCodes.Status415UnsupportedMediaType, "UnsupportedMediaType",
                "The request body must be JSON; send it with Content-Type: application/json."));
        }

        var bytes = await ReadBytesAsync(request, limits.JsonBodyBytes, cancellationToken).ConfigureAwait(false);
        if (!bytes.IsValid)
        {
            return new BodyRead<T>(default, bytes.Error);
        }

        if (ShapeProblem(bytes.Value.Span, example) is { } problem)
        {
            return Refuse<T>(request, problem);
        }

        try
        {
            return new BodyRead<T>(JsonSerializer.Deserialize<T>(bytes.Value.Span, GatewayJson.Options), null);
        }
        catch (JsonException exception)
        {
            return Refuse<T>(request, ApsResults.BadRequest("InvalidJson",
                $"The value at {Echo.Bounded(exception.Path ?? "$", limits.MaxEchoedLength)} does not have the expected type. Send {example}."));
        }
    }

    /// <summary>Logs a refusal (rate-limited, no stack trace) and passes it on.</summary>
    private BodyRead<T> Refuse<T>(HttpRequest request, IResult error)
    {
        if (error is IStatusCodeHttpResult { StatusCode: { } status } && error is IValueHttpResult { Value: ApsError aps })
        {
            log.Record(status, aps.Error, Echo.Bounded(request.Path.Value, limits.MaxEchoedLength));
        }

        return new BodyRead<T>(default, error);
    }

    private IResult TooLarge(int maxBytes) => ApsResults.Error(StatusCodes.Status413PayloadTooLarge, "PayloadTooLarge",
        $"The request body is larger than {maxBytes} bytes, the limit of this route. Send a smaller body.");

    /// <summary>One pass over the bytes: well-formed JSON, depth and keys within the limits.</summary>
    private IResult? ShapeProblem(ReadOnlySpan<byte> json, string example)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = limits.MaxJsonDepth + 1 });
        var keys = 0;
        try
        {
            while (reader.Read())
            {
                if (reader.CurrentDepth >= limits.MaxJsonDepth && reader.TokenType is JsonTokenType.StartObject or JsonTokenType.StartArray)
                {
                    return ApsResults.BadRequest("JsonTooDeep",
                        $"The request body nests objects and arrays more than {limits.MaxJsonDepth} levels deep. Send {example}.");
                }

                if (reader.TokenType != JsonTokenType.PropertyName)
                {
                    continue;
                }

                if (++keys > limits.MaxJsonKeys)
                {
                    return ApsResults.BadRequest("TooManyJsonKeys",
                        $"The request body has more than {limits.MaxJsonKeys} property names. Send fewer entries at a time.");
                }

                var length = reader.HasValueSequence ? reader.ValueSequence.Length : reader.ValueSpan.Length;
                if (length > limits.MaxJsonKeyLength)
                {
                    return ApsResults.BadRequest("JsonKeyTooLong",
                        $"A property name in the request body is longer than {limits.MaxJsonKeyLength} characters. Use the names the API documents.");
                }
            }
        }
        catch (JsonException)
        {
            return ApsResults.BadRequest("InvalidJson",
                $"The request body is not valid JSON (line {LineOf(json, reader.BytesConsumed)}). Send {example}.");
        }

        return null;
    }

    private static long LineOf(ReadOnlySpan<byte> json, long offset) => json[..(int)Math.Min(offset, json.Length)].Count((byte)'\n') + 1;
}
