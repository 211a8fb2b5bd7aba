using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace KpiSync.Crm.AmoCrm;

/// <summary>
/// amoCRM API v4 for one connection. Returns DTOs and pages; raw responses never leave it. Auth, rate limiting
/// and retries are the handlers' job (<see cref="CrmAuthHandler"/>, <see cref="CrmResilienceHandler"/>).
/// </summary>
internal sealed partial class AmoCrmClient(HttpClient http, CrmConnection connection, ILogger logger)
{
    public const int MaxPageSize = 250;
    public const int MaxEventsPageSize = 100;

    public CrmConnection Connection => connection;

    /// <summary>How often a page whose body is cut off or not JSON is read again before the sync fails.</summary>
    private const int UnreadablePageAttempts = 8;

    /// <summary>GETs one list page. 204 (amoCRM's empty list) is an empty page; each record is parsed on its own so
    /// one malformed record is rejected instead of failing the page. A body that is not JSON at all (a cut-off
    /// response) is read again.</summary>
    private async Task<CrmPage<T>> GetPageAsync<T>(string pathAndQuery, string embedded, JsonTypeInfo<T> type,
        Func<JsonElement, string> keyOf, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            using var response = await SendAsync(HttpMethod.Get, pathAndQuery, null, ct);
            if (response.StatusCode == HttpStatusCode.NoContent)
            {
                return new CrmPage<T>([], [], false);
            }

            using var body = await PooledBody.ReadAsync(response.Content, ct);
            try
            {
                return AmoPageReader.Read(body.Span, embedded, type, keyOf);
            }
            catch (JsonException e) when (attempt < UnreadablePageAttempts)
            {
                Log.UnreadablePage(logger, pathAndQuery, attempt, e.Message);
            }
            catch (JsonException e)
            {
                throw new CrmApiException(CrmKinds.AmoCrm, response.StatusCode, response.RequestMessage?.RequestUri,
                    $"the page is not JSON after {attempt} reads: {e.Message}", e);
            }
        }
    }

    private async Task<T> GetAsync<T>(string pathAndQuery, JsonTypeInfo<T> type, CancellationToken ct)
    {
        using var response = await SendAsync(HttpMethod.Get, pathAndQuery, null, ct);
        await using var body = await response.Content.ReadAsStreamAsync(ct);
        try
        {
            return await JsonSerializer.DeserializeAsync(body, type, ct) ?? throw new JsonException("empty body");
        }
        catch (JsonException e)
        {
            throw new CrmApiException(CrmKinds.AmoCrm, response.StatusCode, response.RequestMessage?.RequestUri, "unreadable response: " + e.Message, e);
        }
    }

    /// <summary>Sends a JSON body and returns the items of <c>_embedded.{embedded}</c> in the response.</summary>
    private async Task<IReadOnlyList<TOut>> WriteAsync<TIn, TOut>(HttpMethod method, string path, TIn payload, JsonTypeInfo<TIn> inType,
        string embedded, JsonTypeInfo<TOut> outType, CancellationToken ct)
    {
        var content = new StringContent(JsonSerializer.Serialize(payload, inType), Encoding.UTF8, "application/json");
        using var response = await SendAsync(method, path, content, ct);
        await using var body = await response.Content.ReadAsStreamAsync(ct);
        using var doc = await ParseAsync(body, path, ct);
        return doc.RootElement.TryGetProperty("_embedded", out var emb) && emb.TryGetProperty(embedded, out var items)
            ? items.EnumerateArray().Select(i => i.Deserialize(outType)!).ToList()
            : [];
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string pathAndQuery, HttpContent? content, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, new Uri(connection.BaseUrl, pathAndQuery)) { Content = content };
        request.Options.Set(CrmRequestOptions.Connection, connection);
        if (method == HttpMethod.Post)
        {
            // A create whose answer was lost may have happened; resending could create it twice.
            request.Options.Set(CrmResiliencePipelines.NotIdempotent, true);
        }

        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
        }
        catch (Exception e) when (e is HttpRequestException or Polly.Timeout.TimeoutRejectedException && !ct.IsCancellationRequested)
        {
            throw new CrmApiException(CrmKinds.AmoCrm, null, request.RequestUri, "unreachable: " + e.Message, e);
        }

        if (!response.IsSuccessStatusCode)
        {
            using (response)
            {
                var detail = await response.Content.ReadAsStringAsync(ct);
                throw new CrmApiException(CrmKinds.AmoCrm, response.StatusCode, request.RequestUri, Shorten(detail));
            }
        }

        return response;
    }

    private static async Task<JsonDocument> ParseAsync(Stream body, string what, CancellationToken ct)
    {
        try
        {
            return await JsonDocument.ParseAsync(body, cancellationToken: ct);
        }
        catch (JsonException e)
        {
            throw new CrmApiException(CrmKinds.AmoCrm, HttpStatusCode.OK, null, $"{what}: the page is not JSON: {e.Message}", e);
        }
    }

    private static string Shorten(string text) => text.Length <= 300 ? text : text[..300] + "…";
}
