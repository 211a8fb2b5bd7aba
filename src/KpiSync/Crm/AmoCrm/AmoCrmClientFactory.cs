using KpiSync.Crm.AmoCrm.Api;
using Refit;

namespace KpiSync.Crm.AmoCrm;

/// <summary>Makes an <see cref="AmoCrmClient"/> for a connection: a Refit client over the shared, handler-equipped chain.</summary>
internal sealed class AmoCrmClientFactory(IHttpMessageHandlerFactory handlers)
{
    public const string HttpClientName = "amocrm";

    public AmoCrmClient Create(CrmConnection connection)
    {
        var http = AmoCrmRefit.HttpClient(handlers.CreateHandler(HttpClientName), connection.BaseUrl, connection, postsAreNotIdempotent: true);
        return new AmoCrmClient(RestService.For<IAmoCrmApi>(http, AmoCrmRefit.Settings), connection);
    }
}
