using System.Net;

namespace KpiSync.Crm;

/// <summary>
/// Stops at once when the CRM says the account itself is unusable: amoCRM answers every call of a blocked account
/// with an nginx HTML 403 (too many 429s get it blocked; only its support lifts it) and an unpaid one with 402.
/// The connection is marked blocked and nothing more is sent until an admin resumes it.
/// </summary>
internal sealed class CrmAccountStateHandler(Storage.ConnectionStore connections, ILogger<CrmAccountStateHandler> logger) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        var reason = response.StatusCode switch
        {
            HttpStatusCode.Forbidden when response.Content.Headers.ContentType?.MediaType == "text/html" =>
                "the CRM blocked the account (HTML 403 on every call); contact its support with the account and server IP",
            HttpStatusCode.PaymentRequired => "the CRM account is not paid (402)",
            _ => null,
        };
        if (reason is null || !request.Options.TryGetValue(CrmRequestOptions.Connection, out var connection))
        {
            return response;
        }

        response.Dispose();
        if (await connections.SetStatusAsync(connection.Id, ConnectionStatus.Blocked, reason))
        {
            logger.LogError("Connection {Connection} is blocked: {Reason}", connection.Name, reason);
        }

        throw new ConnectionUnavailableException(connection.Name, ConnectionStatus.Blocked, reason);
    }
}
