using System.Globalization;
using System.Text.Json;
using KpiSync.Crm;
using KpiSync.Crm.AmoCrm;
using KpiSync.Crm.AmoCrm.Dtos;
using KpiSync.Kpis.Indicators;
using KpiSync.Kpis.Periods;
using KpiSync.Storage;
using Microsoft.Extensions.Options;

namespace KpiSync.Publishing;

/// <summary>
/// Writes each employee's current-month values into the CRM, where reps work: a catalog (list) with one element per
/// employee and one numeric field per indicator, plus a text field naming the period. Catalog and fields are created
/// when missing; fields carry a name in the reps' language and the key as their code, by which they are found. A
/// date-time field says how fresh each element's values are (<see cref="AsOf"/>). The CRM's current values are read first and only differing fields are sent, in batches.
/// </summary>
internal sealed partial class KpiPublisher(
    AmoCrmClientFactory clients,
    KpiValueStore values,
    PushbackStateStore states,
    DataAsOfStore freshness,
    IOptions<PublishingOptions> options,
    TimeProvider time,
    ILogger<KpiPublisher> logger)
{
    public const string PeriodField = "period";

    /// <summary>The key (and code) of the field saying how fresh the values are.</summary>
    public const string AsOfField = "as_of";

    /// <summary>What reps may see in the CRM: every fixed indicator, the KPI index and the pay; the options choose among
    /// them (<see cref="PublishedIndicators"/>). Per-stage funnel and per-segment attention values vary with the data and
    /// stay in the dashboard, so the catalog's fields stay fixed.</summary>
    public static IReadOnlyList<string> PublishedKeys { get; } = [.. IndicatorKeys.All, IndicatorKeys.KpiIndex, IndicatorKeys.PayTotal];

    public async Task<PushResult> PushAsync(CrmConnection connection, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var zone = connection.ResolveTimeZone();
        var period = MonthPeriod.Containing(now, zone).ToString();
        var stored = await values.GetPeriodAsync(connection.Id, period, ct);
        if (stored.Count == 0)
        {
            return PushResult.Nothing;
        }

        var client = clients.Create(connection);
        var catalogId = await EnsureCatalogAsync(client, ct);
        var published = PublishedIndicators.Of(options.Value);
        IReadOnlyDictionary<string, long> fields = await EnsureFieldsAsync(client, catalogId, FieldsOf(published), ct);
        var elements = (await AmoCrmClient.ReadAllAsync(p => client.GetCatalogElementsAsync(catalogId, p, ct))).ToDictionary(e => e.Id);
        var previous = await states.GetAsync(connection.Id, ct);
        var asOf = AsOf(await freshness.NewestChangeAsync(connection.Id, now, ct), zone);
        var plan = Plan(stored, [.. published], period, asOf, fields, elements, previous);

        var requests = 0;
        foreach (var batch in plan.Creates.Chunk(options.Value.BatchSize))
        {
            requests += await CreateAsync(client, connection, catalogId, batch, ct);
        }

        foreach (var batch in plan.Updates.Chunk(options.Value.BatchSize))
        {
            requests += await UpdateAsync(client, connection, catalogId, batch, ct);
        }

        logger.LogInformation("Pushed {Period} KPIs of {Connection}: {Created} elements created, {Updated} updated, {Requests} write requests",
            period, connection.Name, plan.Creates.Count, plan.Updates.Count, requests);
        return new PushResult(plan.Creates.Count, plan.Updates.Count, requests);
    }

    /// <summary>The list's id; created when missing.</summary>
    private Task<long> EnsureCatalogAsync(AmoCrmClient client, CancellationToken ct)
    {
        var name = options.Value.CatalogName;
        return EnsureAsync(async () => (await AmoCrmClient.ReadAllAsync(p => client.GetCatalogsAsync(p, ct))).FirstOrDefault(c => c.Name == name) is { } c
                ? (true, c.Id)
                : (false, 0L),
            _ => client.CreateCatalogAsync(name, ct), "the list " + name, ct);
    }

    /// <summary>
    /// Reads what exists (<paramref name="read"/> says whether anything is missing) and creates what is missing. A create
    /// that failed uncertainly (<see cref="Uncertain"/>) may have happened, so the CRM is read again before it is sent
    /// again, a few times at most.
    /// </summary>
    private async Task<T> EnsureAsync<T>(Func<Task<(bool Complete, T Value)>> read, Func<T, Task<T>> createMissing, string what, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            var (complete, value) = await read();
            if (complete)
            {
                return value;
            }

            try
            {
                return await createMissing(value);
            }
            catch (CrmApiException e) when (Uncertain(e) && attempt < CreateAttempts)
            {
                logger.LogWarning("Creating {What} failed ({Failure}); looking for it before sending it again", what, Failure(e));
                await Task.Delay(TimeSpan.FromMilliseconds(250 * attempt), time, ct);
            }
        }
    }

    /// <summary>
    /// The "data as of" value: the newest CRM change synced, to the second, in the account's time zone. amoCRM's
    /// <c>date_time</c> type holds it, so reps can sort and filter by it and see it in their own date format; written
    /// as RFC 3339, as amoCRM's own library writes dates (README §4.10), read back as Unix seconds.
    /// </summary>
    private static string? AsOf(DateTimeOffset? newest, TimeZoneInfo zone) =>
        newest is { } at
            ? TimeZoneInfo.ConvertTime(DateTimeOffset.FromUnixTimeSeconds(at.ToUnixTimeSeconds()), zone).ToString("yyyy-MM-dd'T'HH:mm:sszzz", CultureInfo.InvariantCulture)
            : null;

    /// <summary>A write that failed with no answer or a 5xx may still have been applied.</summary>
    private static bool Uncertain(CrmApiException e) => e.StatusCode is null || (int)e.StatusCode >= 500;

    private static object Failure(CrmApiException e) => e.StatusCode is { } s ? (int)s : "no answer";

    private static string? CurrentValue(AmoCatalogElement element, long fieldId)
    {
        var values = element.CustomFieldsValues?.FirstOrDefault(f => f.FieldId == fieldId)?.Values;
        var v = values is { Count: > 0 } ? values[0].Value : (JsonElement?)null;
        return v is { } e ? (e.ValueKind == JsonValueKind.String ? e.GetString() : e.GetRawText()) : null;
    }
}
