using Dapper;
using KpiSync.Kpis.Engine;
using KpiSync.Kpis.Indicators;
using KpiSync.Kpis.Periods;
using Npgsql;

namespace KpiSync.Storage;

internal static partial class KpiPartStore
{
    private const string SelectTails = """
        select deal_id, digest, tail from kpisync.kpi_deal_digests where connection_id = @c and deal_id = any(@ids) and tail is not null
        """;

    // One primary-key probe per deal (offset 0 keeps the subquery apart): left to itself, the planner read every part
    // of the month through the cell index and filtered the deals out, a second per 7 000 deals when not cached.
    private const string SelectRunningParts = """
        select x.d, p.employee_id, p.body from unnest(@ids) as x(d)
        cross join lateral (select employee_id, body from kpisync.kpi_deal_parts p
                            where p.connection_id = @c and p.deal_id = x.d and p.period = @period offset 0) p
        """;

    private const string DeleteRunningRows = """
        delete from kpisync.kpi_deal_parts p using unnest(@deals, @emps) as x(d, e)
        where p.connection_id = @c and p.deal_id = x.d and p.employee_id = x.e and p.period = @period
        """;

    // A changed part keeps its key: updated in place, it leaves the indexes alone (the body is in none).
    private const string UpdateRunningRows = """
        update kpisync.kpi_deal_parts p set body = x.body from unnest(@deals, @emps, @bodies) as x(d, e, body)
        where p.connection_id = @c and p.deal_id = x.d and p.employee_id = x.e and p.period = @period
        """;

    private const string UpdateDigests = """
        update kpisync.kpi_deal_digests g set digest = x.digest from unnest(@deals, @digests) as x(d, digest)
        where g.connection_id = @c and g.deal_id = x.d
        """;

    /// <summary>The stored tails of <paramref name="ids"/> with their deals' digests; a deal without a readable tail is missing.</summary>
    public static async Task<Dictionary<long, (long Digest, DealTail Tail)>> LoadTailsAsync(NpgsqlConnection conn, NpgsqlTransaction tx, int c, long[] ids,
        CancellationToken ct)
    {
        var tails = new Dictionary<long, (long, DealTail)>();
        if (ids.Length == 0)
        {
            return tails;
        }

        var rows = await conn.QueryAsync<(long Deal, long Digest, byte[] Tail)>(new CommandDefinition(SelectTails, new { c, ids }, tx, cancellationToken: ct));
        foreach (var (deal, digest, body) in rows)
        {
            if (DealTailCodec.Decode(body) is { } tail)
            {
                tails[deal] = (digest, tail);
            }
        }

        return tails;
    }

    /// <summary>
    /// The running-month parts of deals replayed from their tails become <paramref name="deals"/>' (their earlier parts
    /// stand: nothing dated before the month changed). Only rows that changed are written, and each deal's digest moves
    /// by its old running-month parts out and the new ones in; returns the changed rows as the whole replay's replacement does.
    /// </summary>
    public static async Task<List<PartChange>> ReplaceRunningPartsAsync(NpgsqlConnection conn, NpgsqlTransaction tx, int c, PeriodGrid grid,
        IReadOnlyDictionary<long, long> digests, IReadOnlyList<DealParts> deals, CancellationToken ct)
    {
        var changes = new List<PartChange>();
        if (deals.Count == 0)
        {
            return changes;
        }

        var period = grid.Key(grid.Count - 1);
        var ids = deals.Select(d => d.DealId).ToArray();
        var old = (await conn.QueryAsync<(long Deal, long Employee, byte[] Body)>(new CommandDefinition(SelectRunningParts, new { c, ids, period }, tx,
                cancellationToken: ct)))
            .GroupBy(r => r.Deal).ToDictionary(g => g.Key, g => g.ToDictionary(r => r.Employee, r => r.Body));
        var vanished = new List<(long Deal, long Employee)>();
        var updated = new List<(long Deal, long Employee, byte[] Body)>();
        var fresh = new List<EncodedDeal>();
        var moved = new List<(long Deal, long Digest)>();
        foreach (var d in deals)
        {
            var before = old.GetValueOrDefault(d.DealId) ?? [];
            var digest = digests[d.DealId];
            var rows = new List<(long, string, byte[])>();
            foreach (var (key, totals) in d.Cells)
            {
                var e = key.EmployeeId;
                var body = KpiPartCodec.Encode(totals);
                if (before.Remove(e, out var was) && was.AsSpan().SequenceEqual(body))
                {
                    continue;
                }

                digest = unchecked(digest + PartDigest.OfPart(e, period, totals) - (was is null ? 0 : PartDigest.OfPart(e, period, Decode(was))));
                if (was is null)
                {
                    rows.Add((e, period, body));
                }
                else
                {
                    updated.Add((d.DealId, e, body));
                }

                changes.Add(new PartChange(e, period, was, body));
            }

            foreach (var (e, was) in before)
            {
                digest = unchecked(digest - PartDigest.OfPart(e, period, Decode(was)));
                vanished.Add((d.DealId, e));
                changes.Add(new PartChange(e, period, was, null));
            }

            if (rows.Count > 0)
            {
                fresh.Add(new EncodedDeal(d.DealId, rows, digest, null));
            }

            if (digest != digests[d.DealId])
            {
                moved.Add((d.DealId, digest));
            }
        }

        if (vanished.Count > 0)
        {
            await conn.ExecuteAsync(new CommandDefinition(DeleteRunningRows, new
            {
                c, period, deals = vanished.Select(k => k.Deal).ToArray(), emps = vanished.Select(k => k.Employee).ToArray(),
            }, tx, cancellationToken: ct));
        }

        if (updated.Count > 0)
        {
            await conn.ExecuteAsync(new CommandDefinition(UpdateRunningRows, new
            {
                c, period, deals = updated.Select(k => k.Deal).ToArray(), emps = updated.Select(k => k.Employee).ToArray(),
                bodies = updated.Select(k => k.Body).ToArray(),
            }, tx, cancellationToken: ct));
        }

        await CopyPartRowsAsync(conn, c, fresh, ct);
        if (moved.Count > 0)
        {
            await conn.ExecuteAsync(new CommandDefinition(UpdateDigests, new
            {
                c, deals = moved.Select(m => m.Deal).ToArray(), digests = moved.Select(m => m.Digest).ToArray(),
            }, tx, cancellationToken: ct));
        }

        return changes;

        static EmployeePeriodTotals Decode(byte[] body)
        {
            var part = new EmployeePeriodTotals();
            KpiPartCodec.AddTo(part, body);
            return part;
        }
    }
}
