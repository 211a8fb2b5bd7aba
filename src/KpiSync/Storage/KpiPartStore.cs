using Dapper;
using KpiSync.Kpis.Engine;
using KpiSync.Kpis.Indicators;
using KpiSync.Kpis.Periods;
using Npgsql;
using NpgsqlTypes;

namespace KpiSync.Storage;

/// <summary>
/// The tables a cell is assembled from (migration 0014): each deal's parts, each employee-day's activities,
/// and the client wins. A full recompute brings them in line with what it computed, writing only what differs; an
/// incremental one replaces the rows of the deals and days it redid and reports which cells the old and new rows name.
/// </summary>
internal static partial class KpiPartStore
{
    private const string SelectDigests = "select deal_id, digest from kpisync.kpi_deal_digests where connection_id = @c";

    private const string SelectRunningRows = "select deal_id, period, body from kpisync.kpi_deal_running where connection_id = @c";

    private const string DeleteDeals = """
        delete from kpisync.kpi_deal_digests where connection_id = @c and deal_id in (select unnest(@ids));
        delete from kpisync.kpi_deal_running where connection_id = @c and deal_id in (select unnest(@ids));
        delete from kpisync.kpi_deal_parts where connection_id = @c and deal_id in (select unnest(@ids));
        """;

    private const string SelectDealsRunning = """
        select deal_id, period, body from kpisync.kpi_deal_running where connection_id = @c and deal_id in (select unnest(@ids))
        """;

    private const string SelectParts = """
        select deal_id, employee_id, period, body from kpisync.kpi_deal_parts where connection_id = @c and deal_id in (select unnest(@ids))
        """;

    // The digests and running months of every redone deal go (new ones are copied in); of their earlier parts, only
    // the rows that changed.
    private const string DeletePartRows = """
        delete from kpisync.kpi_deal_digests where connection_id = @c and deal_id in (select unnest(@ids));
        delete from kpisync.kpi_deal_running where connection_id = @c and deal_id in (select unnest(@ids));
        delete from kpisync.kpi_deal_parts p using unnest(@deals, @emps, @periods) as x(d, e, p)
        where p.connection_id = @c and p.deal_id = x.d and p.employee_id = x.e and p.period = x.p;
        """;

    private const string CopyParts = "copy kpisync.kpi_deal_parts (connection_id, deal_id, employee_id, period, body) from stdin (format binary)";
    private const string CopyDigests = "copy kpisync.kpi_deal_digests (connection_id, deal_id, digest, tail) from stdin (format binary)";
    private const string CopyRunning = "copy kpisync.kpi_deal_running (connection_id, deal_id, period, employees, body) from stdin (format binary)";

    /// <summary>
    /// A deal's parts before the running month in a stable order, encoded, with their digest and the deal's tail, and
    /// its running month (null: nothing in it).
    /// </summary>
    private sealed record EncodedDeal(long DealId, IReadOnlyList<(long Employee, string Period, byte[] Body)> Parts, long Digest, byte[]? Tail,
        RunningRow? Running);

    private static EncodedDeal Encode(DealParts deal, PeriodGrid grid, long digest, RunningRow? running) =>
        new(deal.DealId, [.. deal.Cells.Where(x => x.Key.Period != grid.Count - 1).Select(x => (x.Key.EmployeeId, grid.Key(x.Key.Period), KpiPartCodec.Encode(x.Value)))],
            digest, deal.Tail is { } tail ? DealTailCodec.Encode(tail) : null, running);

    /// <summary>Every deal's stored running month.</summary>
    public static async Task<Dictionary<long, RunningRow>> RunningRowsAsync(NpgsqlConnection conn, int c, CancellationToken ct) =>
        (await conn.QueryAsync<(long Deal, string Period, byte[] Body)>(new CommandDefinition(SelectRunningRows, new { c },
            cancellationToken: ct, commandTimeout: 0)))
            .ToDictionary(r => r.Deal, r => RunningRow.Stored(r.Period, r.Body));

    /// <summary>The stored digest of every deal's parts.</summary>
    public static async Task<Dictionary<long, long>> DigestsAsync(NpgsqlConnection conn, int c, CancellationToken ct) =>
        (await conn.QueryAsync<(long Deal, long Digest)>(new CommandDefinition(SelectDigests, new { c }, cancellationToken: ct, commandTimeout: 0)))
            .ToDictionary(r => r.Deal, r => r.Digest);

    /// <summary>
    /// A full recompute's deal parts, taken one deal at a time as the engine replays them: a deal whose digest matches
    /// the stored one is dropped at once; the others are encoded and kept for <see cref="WriteAsync"/>, which also
    /// removes the parts of deals that no longer have any. The engine replays deals on several threads, each into a sink
    /// of its own (<see cref="NewSink"/>); the sinks are merged in the order they were made, the deals' order.
    /// </summary>
    internal sealed class FullSync(PeriodGrid grid)
    {
        private readonly PeriodGrid _grid = grid;
        private readonly List<Sink> _sinks = [];

        /// <summary>The stored digests; set before the first deal is taken, then only read until <see cref="WriteAsync"/>.</summary>
        public Dictionary<long, long> Stored { get; set; } = [];

        /// <summary>The stored running months; set and read as <see cref="Stored"/>.</summary>
        public Dictionary<long, RunningRow> StoredRunning { get; set; } = [];

        /// <summary>A sink for one thread's deals; sinks are made one after another, in the order of the deals they take.</summary>
        public Action<DealParts> NewSink()
        {
            var sink = new Sink(this);
            _sinks.Add(sink);
            return sink.Take;
        }

        /// <summary>
        /// Every cell's sum, encoded: its deal parts as summed while they were taken, and what parts do not carry —
        /// activities, idle time, clients — from the engine's finished <paramref name="cells"/>.
        /// </summary>
        public Dictionary<(long Employee, string Period), byte[]> CompleteSums(IReadOnlyDictionary<CellKey, EmployeePeriodTotals> cells,
            IReadOnlyDictionary<(long Employee, DateOnly Day), ActivityDay> days)
        {
            var activities = new Dictionary<(long, string), long>();
            foreach (var ((e, day), totals) in days)
            {
                ref var n = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(activities, (e, MonthKey(day)), out _);
                n += totals.Activities;
            }

            var sums = new Dictionary<CellKey, CellSum>();
            foreach (var sink in _sinks)
            {
                foreach (var (key, sum) in sink.Sums)
                {
                    if (!sums.TryAdd(key, sum))
                    {
                        sums[key].Add(sum);
                    }
                }
            }

            var encoded = new Dictionary<(long, string), byte[]>();
            foreach (var (key, totals) in cells)
            {
                var sum = sums.GetValueOrDefault(key) ?? new CellSum();
                var cell = (key.EmployeeId, _grid.Key(key.Period));
                sum.SetActivities(totals);
                sum.SetClients(totals.NewClients, totals.RepeatPurchases);
                sum.Activities = activities.GetValueOrDefault(cell);
                encoded[cell] = CellSumCodec.Encode(sum);
            }

            return encoded;
        }

        public async Task<int> WriteAsync(NpgsqlConnection conn, NpgsqlTransaction tx, int c, CancellationToken ct)
        {
            foreach (var deal in _sinks.SelectMany(s => s.Taken))
            {
                Stored.Remove(deal);
                StoredRunning.Remove(deal);
            }

            var changed = _sinks.SelectMany(s => s.Changed).ToList();
            var ids = changed.Select(d => d.DealId).Concat(Stored.Keys).Concat(StoredRunning.Keys).Distinct().ToArray();
            await ReplaceDealsAsync(conn, tx, c, ids, changed, ct);
            return ids.Length;
        }

        /// <summary>One thread's deals: their sums per cell, the deals taken, and those whose digest changed.</summary>
        private sealed class Sink(FullSync sync)
        {
            public Dictionary<CellKey, CellSum> Sums { get; } = [];

            public List<long> Taken { get; } = [];

            public List<EncodedDeal> Changed { get; } = [];

            public void Take(DealParts deal)
            {
                foreach (var (key, part) in deal.Cells)
                {
                    ref var sum = ref System.Runtime.InteropServices.CollectionsMarshal.GetValueRefOrAddDefault(Sums, key, out _);
                    (sum ??= new CellSum()).Add(part);
                }

                var digest = PartDigest.Of(deal, sync._grid, deal.Tail);
                var running = RunningRow.Of(deal, sync._grid);
                Taken.Add(deal.DealId);
                if (!sync.Stored.TryGetValue(deal.DealId, out var before) || before != digest
                    || !RunningRow.Same(running, sync.StoredRunning.GetValueOrDefault(deal.DealId)))
                {
                    Changed.Add(Encode(deal, sync._grid, digest, running));
                }
            }
        }
    }

    /// <summary>
    /// Incremental recompute: the parts of <paramref name="ids"/> become <paramref name="deals"/> (a deal now gone has
    /// none). Of the months before the running one, only rows that appeared, vanished or changed are written — a touch
    /// today changes a deal's running month, not its history; the running month's row is rewritten whole. Returns the
    /// parts that changed, each with its body before and after.
    /// </summary>
    public static async Task<List<PartChange>> ReplaceDealsAsync(NpgsqlConnection conn, NpgsqlTransaction tx, int c, PeriodGrid grid,
        long[] ids, IReadOnlyList<DealParts> deals, CancellationToken ct)
    {
        var changes = new List<PartChange>();
        if (ids.Length == 0)
        {
            return changes;
        }

        var encoded = deals.Select(d => Encode(d, grid, PartDigest.Of(d, grid, d.Tail), RunningRow.Of(d, grid))).ToList();
        var old = (await conn.QueryAsync<(long Deal, long Employee, string Period, byte[] Body)>(new CommandDefinition(SelectParts, new { c, ids }, tx,
            cancellationToken: ct, commandTimeout: 0))).ToDictionary(r => (r.Deal, r.Employee, r.Period), r => r.Body);
        var oldRunning = (await conn.QueryAsync<(long Deal, string Period, byte[] Body)>(new CommandDefinition(SelectDealsRunning, new { c, ids }, tx,
            cancellationToken: ct))).ToDictionary(r => r.Deal, r => RunningRow.Stored(r.Period, r.Body));

        var stale = new List<(long Deal, long Employee, string Period)>();
        var fresh = new List<EncodedDeal>();
        foreach (var d in encoded)
        {
            var rows = new List<(long, string, byte[])>();
            foreach (var (e, p, body) in d.Parts)
            {
                if (old.Remove((d.DealId, e, p), out var before) && before.AsSpan().SequenceEqual(body))
                {
                    continue;
                }

                stale.Add((d.DealId, e, p));
                rows.Add((e, p, body));
                changes.Add(new PartChange(e, p, before, body));
            }

            oldRunning.Remove(d.DealId, out var wasRunning);
            changes.AddRange(RunningRow.Changes(wasRunning, d.Running));

            fresh.Add(d with { Parts = rows });
        }

        stale.AddRange(old.Keys);
        changes.AddRange(old.Select(kv => new PartChange(kv.Key.Employee, kv.Key.Period, kv.Value, null)));
        changes.AddRange(oldRunning.Values.SelectMany(r => RunningRow.Changes(r, null)));
        await conn.ExecuteAsync(new CommandDefinition(DeletePartRows, new
        {
            c, ids, deals = stale.Select(k => k.Deal).ToArray(), emps = stale.Select(k => k.Employee).ToArray(), periods = stale.Select(k => k.Period).ToArray(),
        }, tx, cancellationToken: ct, commandTimeout: 0));
        await CopyAsync(conn, c, fresh, ct);
        return changes;
    }

    private static async Task ReplaceDealsAsync(NpgsqlConnection conn, NpgsqlTransaction tx, int c, long[] ids, IReadOnlyList<EncodedDeal> deals, CancellationToken ct)
    {
        if (ids.Length == 0)
        {
            return;
        }

        await conn.ExecuteAsync(new CommandDefinition(DeleteDeals, new { c, ids }, tx, cancellationToken: ct, commandTimeout: 0));
        await CopyAsync(conn, c, deals, ct);
    }

    private static async Task CopyPartRowsAsync(NpgsqlConnection conn, int c, IReadOnlyList<EncodedDeal> deals, CancellationToken ct)
    {
        await using var w = await conn.BeginBinaryImportAsync(CopyParts, ct);
        foreach (var d in deals)
        {
            foreach (var (e, p, body) in d.Parts)
            {
                await w.StartRowAsync(ct);
                await w.WriteAsync(c, NpgsqlDbType.Integer, ct);
                await w.WriteAsync(d.DealId, NpgsqlDbType.Bigint, ct);
                await w.WriteAsync(e, NpgsqlDbType.Bigint, ct);
                await w.WriteAsync(p, NpgsqlDbType.Text, ct);
                await w.WriteAsync(body, NpgsqlDbType.Bytea, ct);
            }
        }

        await w.CompleteAsync(ct);
    }

    private static async Task CopyAsync(NpgsqlConnection conn, int c, IReadOnlyList<EncodedDeal> deals, CancellationToken ct)
    {
        await CopyPartRowsAsync(conn, c, deals, ct);
        await using (var w = await conn.BeginBinaryImportAsync(CopyDigests, ct))
        {
            foreach (var d in deals)
            {
                await w.StartRowAsync(ct);
                await w.WriteAsync(c, NpgsqlDbType.Integer, ct);
                await w.WriteAsync(d.DealId, NpgsqlDbType.Bigint, ct);
                await w.WriteAsync(d.Digest, NpgsqlDbType.Bigint, ct);
                if (d.Tail is { } tail)
                {
                    await w.WriteAsync(tail, NpgsqlDbType.Bytea, ct);
                }
                else
                {
                    await w.WriteNullAsync(ct);
                }
            }

            await w.CompleteAsync(ct);
        }

        await CopyRunningAsync(conn, c, [.. deals.Where(d => d.Running is not null).Select(d => (d.DealId, d.Running!))], ct);
    }

    private static async Task CopyRunningAsync(NpgsqlConnection conn, int c, IReadOnlyList<(long Deal, RunningRow Row)> rows, CancellationToken ct)
    {
        if (rows.Count == 0)
        {
            return;
        }

        await using var w = await conn.BeginBinaryImportAsync(CopyRunning, ct);
        foreach (var (deal, row) in rows)
        {
            await w.StartRowAsync(ct);
            await WriteRunningAsync(w, c, deal, row, ct);
        }

        await w.CompleteAsync(ct);
    }

    /// <summary>A running row in <c>kpi_deal_running</c>'s columns, for the full recompute's COPY and the incremental one's staging.</summary>
    private static async Task WriteRunningAsync(NpgsqlBinaryImporter w, int c, long deal, RunningRow row, CancellationToken ct)
    {
        await w.WriteAsync(c, NpgsqlDbType.Integer, ct);
        await w.WriteAsync(deal, NpgsqlDbType.Bigint, ct);
        await w.WriteAsync(row.Period, NpgsqlDbType.Text, ct);
        await w.WriteAsync(row.Employees, NpgsqlDbType.Array | NpgsqlDbType.Bigint, ct);
        await w.WriteAsync(row.Body, NpgsqlDbType.Bytea, ct);
    }
}

/// <summary>One stored deal part that changed: its cell, and its body before (null: new) and after (null: gone).</summary>
internal sealed record PartChange(long Employee, string Period, byte[]? Before, byte[]? After);
