namespace KpiSync.Webhooks;

public static class WebhooksServiceCollectionExtensions
{
    public static IHostApplicationBuilder AddWebhooks(this IHostApplicationBuilder builder)
    {
        builder.Services.AddOptions<WebhookOptions>().BindConfiguration(WebhookOptions.SectionName).ValidateDataAnnotations().ValidateOnStart();
        builder.Services.AddSingleton<AmoCrmWebhookEndpoint>();
        return builder;
    }

    /// <summary>The CRM-facing endpoints: no session, the URL's secret is the credential.</summary>
    public static WebApplication MapWebhookEndpoints(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        app.MapPost("/webhooks/amocrm/{connection}/{secret}", (string connection, string secret, HttpRequest request, AmoCrmWebhookEndpoint endpoint, CancellationToken ct) =>
            endpoint.HandleAsync(connection, secret, request, ct)).AllowAnonymous();
        return app;
    }

    /// <summary>The URL to give amoCRM for a connection.</summary>
    public static Uri UrlFor(Uri publicBaseUrl, string connection, string secret) =>
        new(publicBaseUrl, $"webhooks/amocrm/{Uri.EscapeDataString(connection)}/{secret}");
}
