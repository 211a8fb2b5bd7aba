using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using KpiSync.Kpis.Calendars;
using KpiSync.Kpis.Engine;
using KpiSync.Kpis.Facts;
using KpiSync.Kpis.Indicators;
using KpiSync.Kpis.Periods;
using KpiSync.Storage;
using Npgsql;

namespace KpiSync.Recompute;

internal sealed partial class KpiRecomputer
{
    /// <summary>An engine set up like a recompute's, for one employee over <paramref name="grid"/> (explanations).</summary>
    public async Task<KpiEngine> EngineAsync(NpgsqlConnection conn, NpgsqlTransaction tx, Crm.CrmConnection connection, PeriodGrid grid, long employee, CancellationToken ct)
    {
        var zone = connection.ResolveTimeZone();
        var now = time.GetUtcNow();
        var inputs = await LoadInputsAsync(conn, tx, connection.Id, zone, ct);
        var active = await KpiInputStore.ActiveEmployeesSinceAsync(conn, tx, connection.Id, now, ct);
        var mine = active.Where(a => a.Key == employee).ToDictionary();
        return new KpiEngine(inputs.Context(zone, grid, now, mine));
    }

    /// <summary>What values depend on besides facts; its fingerprint tells when stored values were computed with something else.</summary>
    private async Task<RecomputeInputs> LoadInputsAsync(NpgsqlConnection conn, NpgsqlTransaction tx, int c, TimeZoneInfo zone, CancellationToken ct)
    {
        var stages = await KpiInputStore.StagesAsync(conn, tx, c, ct);
        var catalog = await KpiInputStore.CatalogSizeAsync(conn, tx, c, ct);
        var calendarBodies = await CalendarStore.LoadAsync(conn, tx, c, ct);
        var fromInvoices = await InvoiceStore.GetCatalogAsync(conn, tx, c, ct) is { ReadAt: not null };
        var settings = options.Value.ToSettings() with { ProductCatalogSize = catalog };
        var calendars = calendarBodies.ToDictionary(kv => kv.Key, kv => CalendarParsing.Parse(kv.Value, kv.Key));
        var text = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"v1|{zone.Id}|{settings}|{options.Value.TouchMinutes}|")
            .Append(fromInvoices ? "invoices|" : ""); // a change of payment source recomputes everything

        foreach (var s in stages.Values.OrderBy(s => s.PipelineId).ThenBy(s => s.StageId))
        {
            text.Append(CultureInfo.InvariantCulture, $"{s.PipelineId}/{s.StageId}/{s.Sort}/{s.Outcome}/{s.Phase};");
        }

        foreach (var (employee, body) in calendarBodies)
        {
            text.Append(CultureInfo.InvariantCulture, $"|{employee}:{body}");
        }

        var fingerprint = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
        return new RecomputeInputs(settings, stages, calendars, TimeSpan.FromMinutes(options.Value.TouchMinutes), fingerprint, fromInvoices);
    }
}

internal sealed record RecomputeInputs(
    KpiSettings Settings,
    Dictionary<(long, long), StageInfo> Stages,
    Dictionary<long, WorkCalendar> Calendars,
    TimeSpan TouchLength,
    string Fingerprint,
    bool OwedFromInvoices = false)
{
    public KpiEngineContext Context(TimeZoneInfo zone, PeriodGrid grid, DateTimeOffset now, IReadOnlyDictionary<long, DateTimeOffset> active) => new(zone, grid, now)
    {
        Stages = Stages,
        ActiveEmployeesSince = active,
        DefaultCalendar = Calendars.GetValueOrDefault(CalendarStore.ConnectionDefault) ?? WorkCalendar.Default,
        Calendars = Calendars.Where(kv => kv.Key != CalendarStore.ConnectionDefault).ToDictionary(),
        TouchLength = TouchLength,
        OwedFromInvoices = OwedFromInvoices,
    };
}
