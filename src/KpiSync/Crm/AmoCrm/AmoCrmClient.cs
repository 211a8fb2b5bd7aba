using System.Net;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using KpiSync.Crm.AmoCrm.Api;

namespace KpiSync.Crm.AmoCrm;

/// <summary>
/// amoCRM API v4 for one connection, over the <see cref="IAmoCrmApi"/> declarations. Returns DTOs and pages; raw
/// responses never leave it. Auth, rate limiting, retries and reading a body whole are the handlers' job
/// (<see cref="CrmAuthHandler"/>, <see cref="CrmResilienceHandler"/>); what reaches this class is a final answer.
/// </summary>
internal sealed partial class AmoCrmClient(IAmoCrmApi api, CrmConnection connection)
{
    public const int MaxPageSize = 250;
    public const int MaxEventsPageSize = 100;

    public CrmConnection Connection => connection;

    /// <summary>GETs one list page. 204 (amoCRM's empty list) is an empty page; each record is parsed on its own, so
    /// one malformed record is rejected instead of failing the page.</summary>
    private Task<CrmPage<T>> GetPageAsync<T>(Func<CancellationToken, Task<HttpResponseMessage>> call, string embedded,
        JsonTypeInfo<T> type, CancellationToken ct) => GetPageAsync(call, embedded, type, null, ct);

    /// <summary>
    /// As above; with <paramref name="nameOf"/>, a list KpiSync finds things in by name (its KPI list, fields and
    /// elements): there a record without a name, or that does not parse, is an answer it cannot use — an error naming
    /// the endpoint, rather than a list it would take as missing and create twice.
    /// </summary>
    private async Task<CrmPage<T>> GetPageAsync<T>(Func<CancellationToken, Task<HttpResponseMessage>> call, string embedded,
        JsonTypeInfo<T> type, Func<T, string?>? nameOf, CancellationToken ct)
    {
        using var response = await SendAsync(call, ct);
        if (response.StatusCode == HttpStatusCode.NoContent)
        {
            return new CrmPage<T>([], [], false);
        }

        CrmPage<T> page;
        try
        {
            if (response.Content is BufferedJsonContent buffered)
            {
                page = AmoPageReader.Read(buffered.Span, embedded, type, RecordKey);
            }
            else
            {
                using var body = await PooledBody.ReadAsync(response.Content, ct);
                page = AmoPageReader.Read(body.Span, embedded, type, RecordKey);
            }
        }
        catch (JsonException e)
        {
            throw Unexpected(response, $"not an amoCRM list of {embedded}: {e.Message}", e);
        }

        var unusable = nameOf is null ? null
            : page.Rejected.Select(r => $"{embedded} item {r.Key}: {r.Reason}")
                .Concat(page.Items.Where(i => string.IsNullOrEmpty(nameOf(i))).Select(_ => $"{embedded} item without a name"))
                .FirstOrDefault();
        return unusable is null ? page : throw Unexpected(response, "unexpected response: " + unusable);
    }

    /// <summary>GETs one object.</summary>
    private async Task<T> GetAsync<T>(Func<CancellationToken, Task<HttpResponseMessage>> call, JsonTypeInfo<T> type, CancellationToken ct)
    {
        using var response = await SendAsync(call, ct);
        try
        {
            await using var body = await response.Content.ReadAsStreamAsync(ct);
            return await JsonSerializer.DeserializeAsync(body, type, ct) ?? throw new JsonException("empty body");
        }
        catch (JsonException e)
        {
            throw Unexpected(response, "unexpected response: " + e.Message, e);
        }
    }

    /// <summary>The items of <c>_embedded.{embedded}</c> in a write's answer.</summary>
    private static async Task<IReadOnlyList<TOut>> ReadEmbeddedAsync<TOut>(HttpResponseMessage response, string embedded, JsonTypeInfo<TOut> outType,
        CancellationToken ct)
    {
        try
        {
            await using var body = await response.Content.ReadAsStreamAsync(ct);
            using var doc = await JsonDocument.ParseAsync(body, cancellationToken: ct);
            return doc.RootElement.TryGetProperty("_embedded", out var emb) && emb.TryGetProperty(embedded, out var items)
                && items.ValueKind == JsonValueKind.Array
                ? [.. items.EnumerateArray().Select(i => i.Deserialize(outType) ?? throw new JsonException("a null item"))]
                : throw new JsonException($"no _embedded.{embedded} array in the answer");
        }
        catch (JsonException e)
        {
            throw Unexpected(response, "unexpected response: " + e.Message, e);
        }
    }

    private Task<HttpResponseMessage> SendAsync(Func<CancellationToken, Task<HttpResponseMessage>> call, CancellationToken ct) =>
        AmoCrmRefit.SendAsync(call, connection.BaseUrl, "", ct);

    private static CrmApiException Unexpected(HttpResponseMessage response, string message, Exception? inner = null) =>
        new(CrmKinds.AmoCrm, response.StatusCode, response.RequestMessage?.RequestUri, message, inner);

    /// <summary>The record's <c>id</c> as text (numbers for most entities, strings for events).</summary>
    private static string RecordKey(JsonElement e) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty("id", out var id) ? id.ToString() : "?";
}
