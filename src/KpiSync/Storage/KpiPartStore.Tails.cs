using Dapper;
using KpiSync.Kpis.Engine;
using KpiSync.Kpis.Periods;
using Npgsql;

namespace KpiSync.Storage;

internal static partial class KpiPartStore
{
    private const string SelectTails = """
        select g.deal_id, g.tail, r.period, r.body
        from kpisync.kpi_deal_digests g
        left join kpisync.kpi_deal_running r on r.connection_id = g.connection_id and r.deal_id = g.deal_id
        where g.connection_id = @c and g.deal_id = any(@ids) and g.tail is not null
        """;

    // A changed month keeps its key: rewritten in place, it leaves the primary key alone (the body is in no index).
    // Staged by binary COPY in the table's own columns (WriteRunningAsync): from parameter arrays the employees
    // travelled as text to parse row by row.
    private const string CreateRunningStaging = """
        create temp table stage_running (connection_id integer, deal_id bigint, period text, employees bigint[], body bytea) on commit drop
        """;

    private const string CopyRunningStaging = "copy stage_running (connection_id, deal_id, period, employees, body) from stdin (format binary)";

    private const string UpsertRunning = """
        insert into kpisync.kpi_deal_running as r (connection_id, deal_id, period, employees, body)
        select connection_id, deal_id, period, employees, body from stage_running
        on conflict (connection_id, deal_id) do update set period = excluded.period, employees = excluded.employees, body = excluded.body
        """;

    private const string DeleteRunning = "delete from kpisync.kpi_deal_running where connection_id = @c and deal_id = any(@deals)";

    /// <summary>
    /// The stored tails of <paramref name="ids"/>, each with its running month (touches and parts) as stored for
    /// <paramref name="period"/>; a deal without a readable tail, or whose running month was stored for another month, is missing.
    /// </summary>
    public static async Task<Dictionary<long, StoredTail>> LoadTailsAsync(NpgsqlConnection conn, NpgsqlTransaction tx, int c, long[] ids, string period,
        CancellationToken ct)
    {
        var tails = new Dictionary<long, StoredTail>();
        if (ids.Length == 0)
        {
            return tails;
        }

        var rows = await conn.QueryAsync<(long Deal, byte[] Tail, string? Period, byte[]? Body)>(new CommandDefinition(SelectTails, new { c, ids }, tx,
            cancellationToken: ct));
        foreach (var (deal, body, month, running) in rows)
        {
            var row = running is null ? null : RunningRow.Stored(month!, running);
            if (DealTailCodec.Decode(body) is not { } tail || (row is not null && (row.Period != period || !row.IsReadable)))
            {
                continue;
            }

            tails[deal] = new StoredTail(row is null ? tail : tail with { Touches = row.Touches }, row);
        }

        return tails;
    }

    /// <summary>
    /// The running months of deals replayed from their tails become <paramref name="deals"/>' (their earlier parts stand:
    /// nothing dated before the month changed). Only rows that changed are written; returns the parts that changed, as
    /// the whole replay's replacement does.
    /// </summary>
    public static async Task<List<PartChange>> ReplaceRunningAsync(NpgsqlConnection conn, NpgsqlTransaction tx, int c, PeriodGrid grid,
        IReadOnlyDictionary<long, StoredTail> stored, IReadOnlyList<DealParts> deals, CancellationToken ct)
    {
        var changes = new List<PartChange>();
        var written = new List<(long Deal, RunningRow Row)>();
        var emptied = new List<long>();
        foreach (var d in deals)
        {
            var before = stored[d.DealId].Running;
            var row = RunningRow.Of(d, grid);
            if (RunningRow.Same(before, row))
            {
                continue;
            }

            changes.AddRange(RunningRow.Changes(before, row));
            if (row is null)
            {
                emptied.Add(d.DealId);
            }
            else
            {
                written.Add((d.DealId, row));
            }
        }

        if (written.Count > 0)
        {
            await StagedMerge.RunAsync(conn, tx, CreateRunningStaging, CopyRunningStaging, written,
                (w, r, token) => WriteRunningAsync(w, c, r.Deal, r.Row, token), UpsertRunning, new { }, ct);
        }

        if (emptied.Count > 0)
        {
            await conn.ExecuteAsync(new CommandDefinition(DeleteRunning, new { c, deals = emptied.ToArray() }, tx, cancellationToken: ct));
        }

        return changes;
    }
}

/// <summary>A deal's stored tail (its running-month touches in it) and its running month's row (none: nothing in the month).</summary>
internal sealed record StoredTail(DealTail Tail, RunningRow? Running);
