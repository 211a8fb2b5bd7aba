using System.Net;
using System.Text;

namespace KpiSync.Tests.Support;

/// <summary>Answers every request from a function and records what was asked (no mocking library).</summary>
internal sealed class StubHttpHandler(Func<HttpRequestMessage, HttpResponseMessage> respond) : HttpMessageHandler
{
    public List<Uri> Requests { get; } = [];

    public static HttpResponseMessage Json(string body, HttpStatusCode status = HttpStatusCode.OK) =>
        new(status) { Content = new StringContent(body, Encoding.UTF8, "application/hal+json") };

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        Requests.Add(request.RequestUri!);
        var response = respond(request);
        response.RequestMessage ??= request; // as a real handler does
        return Task.FromResult(response);
    }
}
