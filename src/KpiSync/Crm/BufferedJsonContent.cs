using System.Net;
using System.Text;
using System.Text.Json;

namespace KpiSync.Crm;

/// <summary>
/// A successful CRM response's body, read whole into a pooled buffer and checked to be JSON inside the attempt that
/// fetched it, so a body cut short of its Content-Length, a connection dropped mid-body, a stall past the timeout or
/// an HTML page with status 200 fail that attempt and are retried like a 5xx. What is parsed from it must not keep
/// a reference to it: the buffer goes back to the pool when the response is disposed.
/// </summary>
internal sealed class BufferedJsonContent : HttpContent
{
    private readonly PooledBody _body;

    private BufferedJsonContent(PooledBody body, HttpContent original)
    {
        _body = body;
        foreach (var header in original.Headers)
        {
            Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        Headers.ContentLength = body.Length;
    }

    public ReadOnlySpan<byte> Span => _body.Span;

    /// <summary>Reads <paramref name="content"/> whole; throws <see cref="UnreadableResponseException"/> when it is not JSON.</summary>
    public static async Task<BufferedJsonContent> ReadAsync(HttpContent content, CancellationToken ct)
    {
        var body = await PooledBody.ReadAsync(content, ct);
        try
        {
            EnsureJson(body.Span, content.Headers.ContentType?.MediaType);
            return new BufferedJsonContent(body, content);
        }
        catch
        {
            body.Dispose();
            throw;
        }
    }

    private static void EnsureJson(ReadOnlySpan<byte> body, string? mediaType)
    {
        try
        {
            var reader = new Utf8JsonReader(body);
            if (!reader.Read())
            {
                throw new JsonException("the body is empty");
            }

            reader.Skip();
            if (reader.Read())
            {
                throw new JsonException("content after the JSON value");
            }
        }
        catch (JsonException e)
        {
            var start = Encoding.UTF8.GetString(body[..Math.Min(body.Length, 60)]).ReplaceLineEndings(" ");
            throw new UnreadableResponseException(
                $"the body is not JSON ({mediaType ?? "no content type"}, {body.Length} bytes, starting '{start}'): {e.Message}", e);
        }
    }

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context) =>
        stream.WriteAsync(_body.Memory).AsTask();

    protected override Task SerializeToStreamAsync(Stream stream, TransportContext? context, CancellationToken cancellationToken) =>
        stream.WriteAsync(_body.Memory, cancellationToken).AsTask();

    protected override bool TryComputeLength(out long length)
    {
        length = _body.Length;
        return true;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _body.Dispose();
        }

        base.Dispose(disposing);
    }
}

/// <summary>A 2xx response whose body is not what the API sends (not JSON at all): transient, like a dropped connection.</summary>
internal sealed class UnreadableResponseException(string message, Exception inner) : IOException(message, inner);
