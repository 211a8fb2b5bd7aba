namespace KpiSync.Crm.AmoCrm;

/// <summary>Makes an <see cref="AmoCrmClient"/> for a connection over the shared, handler-equipped HttpClient.</summary>
internal sealed class AmoCrmClientFactory(IHttpClientFactory httpClientFactory, ILogger<AmoCrmClient> logger)
{
    public const string HttpClientName = "amocrm";

    public AmoCrmClient Create(CrmConnection connection) => new(httpClientFactory.CreateClient(HttpClientName), connection, logger);
}
