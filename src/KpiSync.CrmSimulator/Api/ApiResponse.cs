using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using KpiSync.CrmSimulator.Faults;
using Microsoft.AspNetCore.Http;

namespace KpiSync.CrmSimulator.Api;

/// <summary>
/// A fully rendered response, so handlers can build it under a lock and write it afterwards. A list page is a few
/// hundred kilobytes: it is rendered into a buffer each thread keeps, and sent from an array borrowed from the pool
/// and returned once written — a fresh array per page landed on the large object heap, and the garbage collector
/// became a fifth of the simulator's work at full speed.
/// </summary>
internal sealed class ApiResponse
{
    public const string HalJson = "application/hal+json";
    public const string ProblemJson = "application/problem+json";

    // Bodies are JSON only, never embedded in HTML, so '&' in hrefs and '+' in phones can stay readable.
    private static readonly JsonWriterOptions _writerOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    [ThreadStatic]
    private static ArrayBufferWriter<byte>? _renderBuffer;

    private byte[]? _body;
    private readonly int _length;

    private ApiResponse(int status, string? contentType, byte[]? body, int length)
    {
        Status = status;
        ContentType = contentType;
        _body = body;
        _length = length;
    }

    public static ApiResponse NoContent { get; } = new(StatusCodes.Status204NoContent, null, null, 0);

    public int Status { get; }

    public string? ContentType { get; }

    public static ApiResponse Ok(Action<Utf8JsonWriter> write, string contentType = HalJson) => Rendered(StatusCodes.Status200OK, contentType, write);

    public static ApiResponse Problem(int status, Action<Utf8JsonWriter> write) => Rendered(status, ProblemJson, write);

    private static ApiResponse Rendered(int status, string contentType, Action<Utf8JsonWriter> write)
    {
        var buffer = _renderBuffer ??= new ArrayBufferWriter<byte>(64 * 1024);
        buffer.ResetWrittenCount();
        using (var writer = new Utf8JsonWriter(buffer, _writerOptions))
        {
            write(writer);
        }

        var body = ArrayPool<byte>.Shared.Rent(buffer.WrittenCount);
        buffer.WrittenSpan.CopyTo(body);
        return new ApiResponse(status, contentType, body, buffer.WrittenCount);
    }

    /// <summary>
    /// Writes the response, or the broken form a <see cref="ResponseFault"/> on the request asks for; a response is
    /// written once, and its body goes back to the pool then.
    /// </summary>
    public async Task WriteAsync(HttpContext context)
    {
        context.Response.StatusCode = Status;
        if (ContentType is not null)
        {
            context.Response.ContentType = ContentType;
        }

        var rented = Interlocked.Exchange(ref _body, null);
        try
        {
            var body = rented is null ? ReadOnlyMemory<byte>.Empty : rented.AsMemory(0, _length);
            if (ResponseFault.Of(context) is { } fault && await fault.TryWriteAsync(context, body))
            {
                return;
            }

            if (body.Length > 0)
            {
                context.Response.ContentLength = body.Length;
                await context.Response.Body.WriteAsync(body, context.RequestAborted);
            }
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<byte>.Shared.Return(rented);
            }
        }
    }
}
