using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using KpiSync.CrmSimulator.Faults;
using Microsoft.AspNetCore.Http;

namespace KpiSync.CrmSimulator.Api;

/// <summary>A fully rendered response, so handlers can build it under a lock and write it afterwards.</summary>
internal sealed record ApiResponse(int Status, string? ContentType, byte[]? Body)
{
    public const string HalJson = "application/hal+json";
    public const string ProblemJson = "application/problem+json";

    // Bodies are JSON only, never embedded in HTML, so '&' in hrefs and '+' in phones can stay readable.
    private static readonly JsonWriterOptions _writerOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static ApiResponse NoContent { get; } = new(StatusCodes.Status204NoContent, null, null);

    public static ApiResponse Ok(Action<Utf8JsonWriter> write) => new(StatusCodes.Status200OK, HalJson, Render(write));

    public static ApiResponse Problem(int status, Action<Utf8JsonWriter> write) => new(status, ProblemJson, Render(write));

    public static byte[] Render(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, _writerOptions))
        {
            write(writer);
        }

        return buffer.WrittenSpan.ToArray();
    }

    public async Task WriteAsync(HttpContext context)
    {
        context.Response.StatusCode = Status;
        if (ContentType is not null)
        {
            context.Response.ContentType = ContentType;
        }

        if (Body is { Length: > 0 })
        {
            var body = MalformedPageFault.Apply(context, Status, Body);
            context.Response.ContentLength = body.Length;
            await context.Response.Body.WriteAsync(body, context.RequestAborted);
        }
    }
}
