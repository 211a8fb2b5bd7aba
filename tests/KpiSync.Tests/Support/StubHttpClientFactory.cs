namespace KpiSync.Tests.Support;

/// <summary>An IHttpClientFactory (and handler factory) over one stub handler.</summary>
internal sealed class StubHttpClientFactory(StubHttpHandler handler) : IHttpClientFactory, IHttpMessageHandlerFactory
{
    public HttpClient CreateClient(string name) => new(handler, disposeHandler: false);

    public HttpMessageHandler CreateHandler(string name) => handler;
}
