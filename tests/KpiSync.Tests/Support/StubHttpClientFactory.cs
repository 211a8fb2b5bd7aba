namespace KpiSync.Tests.Support;

/// <summary>An IHttpClientFactory over one stub handler.</summary>
internal sealed class StubHttpClientFactory(StubHttpHandler handler) : IHttpClientFactory
{
    public HttpClient CreateClient(string name) => new(handler, disposeHandler: false);
}
