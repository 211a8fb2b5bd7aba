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

    /// <summary>A client for checking a connection: each call is one attempt with <see cref="CrmOptions.CheckTimeout"/>.
    /// With <paramref name="accessToken"/>, for an account not stored yet: the token is sent as is, nothing is read from the database.</summary>
    public AmoCrmClient CreateForCheck(CrmConnection connection, string? accessToken = null)
    {
        var http = AmoCrmRefit.HttpClient(handlers.CreateHandler(HttpClientName), connection.BaseUrl, accessToken is null ? connection : null,
            postsAreNotIdempotent: true, check: true);
        if (accessToken is not null)
        {
            http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", accessToken);
        }

        return new AmoCrmClient(RestService.For<IAmoCrmApi>(http, AmoCrmRefit.Settings), connection);
    }
}
