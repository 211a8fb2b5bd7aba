using KpiSync.CrmSimulator.Api;
using Microsoft.AspNetCore.Http;

namespace KpiSync.CrmSimulator.Faults;

/// <summary>
/// A fault rolled before the request is handled but applied to its response, once the handler has produced it:
/// only <see cref="Api.ApiResponse"/> knows whether that response is a success and what its body is.
/// </summary>
internal sealed class ResponseFault
{
    private static readonly object _key = new();

    private readonly SimulatorRuntime _runtime;

    private ResponseFault(SimulatorRuntime runtime, FaultKind kind)
    {
        _runtime = runtime;
        Kind = kind;
    }

    public FaultKind Kind { get; }

    public static void Mark(HttpContext context, SimulatorRuntime runtime, FaultKind kind) => context.Items[_key] = new ResponseFault(runtime, kind);

    public static ResponseFault? Of(HttpContext context) =>
        context.Items.TryGetValue(_key, out var fault) ? fault as ResponseFault : null;

    /// <summary>
    /// Sends the broken form of a response whose status and content type are already set and whose body is
    /// <paramref name="body"/>; false when this fault does not apply to it and it is to be sent as it is.
    /// </summary>
    public async Task<bool> TryWriteAsync(HttpContext context, ReadOnlyMemory<byte> body)
    {
        var response = context.Response;
        var method = context.Request.Method;
        var success = response.StatusCode is >= 200 and < 300;
        switch (Kind)
        {
            case FaultKind.MalformedPage when success && HttpMethods.IsGet(method) && body.Length > 1:
                Count();
                var cut = body[..(body.Length / 2)];
                response.ContentLength = cut.Length;
                await response.Body.WriteAsync(cut, context.RequestAborted);
                return true;

            case FaultKind.TruncatedBody when success && HttpMethods.IsGet(method) && body.Length > 1:
                Count();
                // The full length is announced and half is sent, as when a proxy or the network drops a response
                // in flight. Not context.Abort(): that discards what Kestrel has not yet sent, often the headers
                // too, which is Dropped again. A response short of its Content-Length makes Kestrel close the
                // connection once the written part is out, so the client reads half, then the end of the stream.
                response.ContentLength = body.Length;
                await response.Body.WriteAsync(body[..(body.Length / 2)], context.RequestAborted);
                await response.Body.FlushAsync(context.RequestAborted);
                return true;

            case FaultKind.NonJsonOk when success && HttpMethods.IsGet(method):
                Count();
                await NginxPage.WriteCaptchaAsync(context);
                return true;

            case FaultKind.LostWriteResponse when success && (HttpMethods.IsPost(method) || HttpMethods.IsPatch(method)):
                // The handler has already applied the write; only its answer is lost.
                Count();
                context.Abort();
                return true;

            default:
                return false;
        }
    }

    // Before anything is sent: a client that has its response, or has lost it, may read FaultCount at once.
    // Only a fault that applies counts; one marked on a request that failed otherwise does not.
    private void Count() => _runtime.CountFault();
}
