using Dapper;
using KpiSync.Crm;
using KpiSync.Kpis.Engine;
using KpiSync.Kpis.Indicators;
using KpiSync.Kpis.Periods;
using KpiSync.Storage;
using Npgsql;

namespace KpiSync.Recompute;

/// <summary>
/// Explains one stored value: its formula and inputs as stored, and the CRM records behind it, found by re-running the
/// engine for that one employee-period with tracing on (cheap: one employee, one period, and deterministic, so the
/// records are the ones the value was computed from — unless facts changed since, which the explanation then says).
/// </summary>
internal sealed partial class KpiExplainer(NpgsqlDataSource dataSource, KpiRecomputer recomputer)
{
    private const string SelectStored = """
        select k.value, k.low_sample, k.explanation::text as explanation, k.computed_at,
               (select name from kpisync.crm_users u where u.connection_id = k.connection_id and u.crm_id = k.employee_id) as employee_name,
               (select status from kpisync.periods p where p.connection_id = k.connection_id and p.period = k.period) as period_status,
               a.current_value as adjusted_value, a.connection_id is not null as has_adjustment,
               (select breakdown::text from kpisync.payouts p where p.connection_id = k.connection_id and p.employee_id = k.employee_id and p.period = k.period) as breakdown
        from kpisync.kpi_values k
        left join kpisync.kpi_adjustments a on a.connection_id = k.connection_id and a.employee_id = k.employee_id and a.period = k.period and a.indicator = k.indicator
        where k.connection_id = @c and k.employee_id = @employee and k.period = @period and k.indicator = @indicator
        """;

    public async Task<ValueExplanation?> ExplainAsync(CrmConnection connection, long employee, MonthPeriod period, string indicator, CancellationToken ct)
    {
        var c = connection.Id;
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var stored = await conn.QuerySingleOrDefaultAsync<StoredRow>(new CommandDefinition(SelectStored,
            new { c, employee, period = period.ToString(), indicator }, tx, cancellationToken: ct));
        if (stored is null)
        {
            return null;
        }

        var zone = connection.ResolveTimeZone();
        var start = period.Start(zone);
        // The deals whose parts make up the cell (with every deal of their clients, for new clients and repeat purchases),
        // and the employee's activities from the day before the month on (a call across midnight covers both days).
        var deals = await KpiPartStore.CellDealsAsync(conn, tx, c, employee, period.ToString(), ct);
        var scope = RecomputeScope.OfCell(deals, employee, start.AddDays(-1), period.End(zone));
        var grid = new PeriodGrid([(period.ToString(), start, period.End(zone))]);
        var engine = await recomputer.EngineAsync(conn, tx, connection, grid, employee, ct);
        var records = engine.TraceCell(new CellKey(employee, 0));
        await recomputer.FeedAsync(conn, c, scope, keys: true, engine, ct);
        engine.Complete();

        var tags = TraceTags(indicator);
        var behind = records.Where(r => tags.Contains(r.Indicator) || (indicator == IndicatorKeys.Funnel && r.Indicator.StartsWith(IndicatorKeys.Funnel + ":", StringComparison.Ordinal)))
            .ToList();
        return new ValueExplanation(indicator, employee, stored.EmployeeName, period.ToString(), stored.Value, stored.LowSample, stored.Explanation,
            stored.ComputedAt, stored.PeriodStatus == "closed", stored.HasAdjustment, stored.AdjustedValue, stored.Breakdown,
            behind.Select(r => new SourceRecord(r.SourceKey, r.DealId is { } d ? CrmLinks.Deal(connection, d) : null, Localize(r.Note, zone, connection.Kind))).ToList(),
            zone.Id);
    }

    /// <summary>Which traced contributions make up an indicator.</summary>
    private static HashSet<string> TraceTags(string indicator) => indicator switch
    {
        IndicatorKeys.Calls or IndicatorKeys.CallsOut or IndicatorKeys.CallsIn or IndicatorKeys.CallSeconds => [IndicatorKeys.Calls],
        IndicatorKeys.CallsAttempted => [IndicatorKeys.Calls, IndicatorKeys.CallsAttempted],
        IndicatorKeys.Touches or IndicatorKeys.IdleHours or IndicatorKeys.ActiveHours => [IndicatorKeys.Calls, IndicatorKeys.CallsAttempted, IndicatorKeys.Meetings, IndicatorKeys.Touches],
        IndicatorKeys.DealsWon or IndicatorKeys.Revenue or IndicatorKeys.AverageCheck or IndicatorKeys.Profit or IndicatorKeys.ProductCoverage => [IndicatorKeys.DealsWon],
        IndicatorKeys.Conversion => [IndicatorKeys.DealsWon, IndicatorKeys.DealsLost],
        IndicatorKeys.CohortConversion => [IndicatorKeys.DealsCreated],
        IndicatorKeys.RealDealShare => [IndicatorKeys.DealsInWork],
        IndicatorKeys.ReceivablesOverdue => [IndicatorKeys.Receivables],
        IndicatorKeys.ResponseMinutesP90 => [IndicatorKeys.ResponseMinutes],
        _ when indicator.StartsWith(IndicatorKeys.Attention, StringComparison.Ordinal) => [IndicatorKeys.DealsInWork],
        _ => [indicator],
    };

    private sealed record StoredRow(decimal? Value, bool LowSample, string Explanation, DateTimeOffset ComputedAt, string? EmployeeName,
        string? PeriodStatus, decimal? AdjustedValue, bool HasAdjustment, string? Breakdown);
}

/// <summary>One stored value explained: what it is, how it was computed, and the CRM records behind it, their times
/// in <see cref="TimeZone"/> (the connection's).</summary>
internal sealed record ValueExplanation(string Indicator, long EmployeeId, string? EmployeeName, string Period, decimal? Value, bool LowSample,
    string ExplanationJson, DateTimeOffset ComputedAt, bool Frozen, bool HasAdjustment, decimal? AdjustedValue, string? PayoutBreakdownJson, IReadOnlyList<SourceRecord> Records,
    string TimeZone);

internal sealed record SourceRecord(string SourceKey, Uri? Link, string Note);
