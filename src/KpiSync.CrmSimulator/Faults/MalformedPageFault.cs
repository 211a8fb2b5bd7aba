using Microsoft.AspNetCore.Http;

namespace KpiSync.CrmSimulator.Faults;

/// <summary>
/// Marks a request whose response body, if it turns out to be a successful GET list page, is cut off
/// mid-JSON; <see cref="Api.ApiResponse"/> does the cutting, since only it knows the body.
/// </summary>
internal sealed class MalformedPageFault
{
    private static readonly object _key = new();

    public bool Applied { get; private set; }

    public static void Mark(HttpContext context, MalformedPageFault fault) => context.Items[_key] = fault;

    /// <summary>The body to send: cut in half when the request is marked and the body is a 200 GET page with <c>_embedded</c>.</summary>
    public static ReadOnlyMemory<byte> Apply(HttpContext context, int status, ReadOnlyMemory<byte> body)
    {
        if (status != StatusCodes.Status200OK
            || !HttpMethods.IsGet(context.Request.Method)
            || context.Items[_key] is not MalformedPageFault fault
            || body.Span.IndexOf("\"_embedded\""u8) < 0)
        {
            return body;
        }

        fault.Applied = true;
        return body[..(body.Length / 2)];
    }
}
