using KpiSync.Kpis.Engine;
using KpiSync.Kpis.Facts;
using System.Globalization;
using System.Text;
using Npgsql;
using NpgsqlTypes;

namespace KpiSync.Storage;

/// <summary>
/// Feeds the KPI engine from the fact store: activities first (touches on deals are needed by the deals), then each
/// deal with its history. Rows stream through one ordered reader each: memory holds the engine's state, not the rows.
/// A <see cref="RecomputeScope"/> narrows both to what the dirty cells need.
/// </summary>
internal static partial class KpiInputStore
{
    private const string ActivityKinds = "'call_in', 'call_out', 'meeting', 'task'";
    private const string DealKinds = "'deal_created', 'stage_changed', 'deal_won', 'deal_lost', 'deal_reopened', 'responsible_changed', 'payment', 'invoice', 'invoice_payment'";

    // Kinds travel as small numbers (ActivityKind's values), not text: millions of rows stream through here.
    private const string SelectActivities = """
        select f.employee_id, (case f.kind when 'call_in' then 0 when 'call_out' then 1 when 'meeting' then 2 else 3 end)::smallint,
               f.occurred_at, coalesce(f.duration_s, 0), f.outcome, f.deal_id, {0}
        from kpisync.funnel_events f
        """;

    private const string ActivityWhere = $$"""f.connection_id = {0} and f.kind in ({{ActivityKinds}}) and f.employee_id is not null""";

    private static readonly CompositeFormat ActivitiesFormat = CompositeFormat.Parse(SelectActivities);
    private static readonly CompositeFormat ActivityWhereFormat = CompositeFormat.Parse(ActivityWhere);

    private const string SelectDeals = """
        select crm_id, responsible_id, pipeline_id, status_id, created_at, price, cost, labor_cost_s, segment, product, payment_due, client_id
        from kpisync.deals d
        where connection_id = @c and not is_deleted
        """;

    private const string SelectDealFacts = $"""
        select deal_id, kind, occurred_at, stage_from, stage_to, amount, (payload->>'from')::bigint, employee_id, case when @keys then source_key end
        from kpisync.funnel_events
        where connection_id = @c and deal_id is not null and kind in ({DealKinds})
        """;

    /// <summary>
    /// Streams activities by binary COPY, the fastest way out of PostgreSQL: all of them, or — for a scope of some
    /// deals — the touches on those deals. COPY takes no parameters, so the query is formatted from values KpiSync made
    /// itself: integers, id arrays and ISO timestamps.
    /// </summary>
    public static async Task FeedActivitiesAsync(NpgsqlConnection conn, int c, RecomputeScope scope, bool keys, KpiEngine engine, CancellationToken ct)
    {
        await using var copy = await BeginActivitiesAsync(conn, c, scope, keys, ct);
        Drain(copy, engine.AddActivity, ct);
    }

    /// <summary>
    /// Streams the activities by one binary COPY into engine partitions by employee, each fed on a thread of its own
    /// (<see cref="ActivityFanOut"/>), while this thread reads: one scan of the fact table feeds every core.
    /// </summary>
    public static async Task FeedActivityPartitionsAsync(NpgsqlConnection conn, int c, RecomputeScope scope, bool keys, IReadOnlyList<KpiEngine> partitions,
        CancellationToken ct)
    {
        await using var copy = await BeginActivitiesAsync(conn, c, scope, keys, ct);
        using var fanOut = new ActivityFanOut(partitions);
        Drain(copy, fanOut.Add, ct);
        fanOut.Complete();
    }

    private static async Task<NpgsqlBinaryExporter> BeginActivitiesAsync(NpgsqlConnection conn, int c, RecomputeScope scope, bool keys, CancellationToken ct)
    {
        var select = string.Format(CultureInfo.InvariantCulture, ActivitiesFormat, keys ? "f.source_key" : "null::text");
        var where = string.Format(CultureInfo.InvariantCulture, ActivityWhereFormat, c);
        var query = $"{select} where {where}";
        if (!scope.IsFull)
        {
            var deals = string.Create(CultureInfo.InvariantCulture, $"f.deal_id in (select unnest('{{{string.Join(',', scope.Deals!)}}}'::bigint[]))");
            var mine = scope.Activities is { } a
                ? string.Create(CultureInfo.InvariantCulture, $" or (f.employee_id = {a.Employee} and f.occurred_at >= '{Iso(a.From)}'::timestamptz and f.occurred_at < '{Iso(a.To)}'::timestamptz)")
                : "";
            query += $" and ({deals}{mine})";
        }

        return await conn.BeginBinaryExportAsync($"copy ({query}) to stdout (format binary)", ct);
    }

    /// <summary>
    /// Exports the snapshot <paramref name="conn"/>'s transaction sees now, so readers on other connections can see
    /// exactly the same facts (<see cref="BeginOnSnapshotAsync"/>) while it stays open.
    /// </summary>
    public static async Task<string> ExportSnapshotAsync(NpgsqlConnection conn, CancellationToken ct)
    {
        await using var cmd = new NpgsqlCommand("select pg_export_snapshot()", conn);
        return (string)(await cmd.ExecuteScalarAsync(ct))!;
    }

    /// <summary>A repeatable-read transaction on <paramref name="conn"/> that sees what the exporter of <paramref name="snapshot"/> saw.</summary>
    public static async Task<NpgsqlTransaction> BeginOnSnapshotAsync(NpgsqlConnection conn, string snapshot, CancellationToken ct)
    {
        // SET TRANSACTION SNAPSHOT takes no parameters; the id comes from PostgreSQL (hex digits and dashes).
        if (snapshot.Length == 0 || !snapshot.All(ch => char.IsAsciiHexDigit(ch) || ch == '-'))
        {
            throw new ArgumentException($"Not a snapshot id: '{snapshot}'.", nameof(snapshot));
        }

        var tx = await conn.BeginTransactionAsync(System.Data.IsolationLevel.RepeatableRead, ct);
        await using var cmd = new NpgsqlCommand($"set transaction snapshot '{snapshot}'", conn, tx);
        await cmd.ExecuteNonQueryAsync(ct);
        return tx;
    }

    /// <summary>
    /// Streams each employee's activities in the given time windows (an incremental recompute's dirty days) into
    /// <paramref name="engine"/>, and those that touch a deal also into <paramref name="touches"/>.
    /// </summary>
    public static async Task FeedActivityWindowsAsync(NpgsqlConnection conn, int c, IReadOnlyList<(long Employee, DateTimeOffset From, DateTimeOffset To)> windows,
        KpiEngine engine, List<ActivityFact> touches, CancellationToken ct)
    {
        if (windows.Count == 0)
        {
            return;
        }

        var select = string.Format(CultureInfo.InvariantCulture, ActivitiesFormat, "null::text");
        var where = string.Format(CultureInfo.InvariantCulture, ActivityWhereFormat, c);
        // Wider than the days by a few hours: a DST change near midnight must not cut a day short.
        var emps = "{" + string.Join(',', windows.Select(w => w.Employee.ToString(CultureInfo.InvariantCulture))) + "}";
        var froms = "{" + string.Join(',', windows.Select(w => Iso(w.From.AddHours(-3)))) + "}";
        var tos = "{" + string.Join(',', windows.Select(w => Iso(w.To.AddHours(3)))) + "}";
        var query = $"""
            {select} join unnest('{emps}'::bigint[], '{froms}'::timestamptz[], '{tos}'::timestamptz[]) w(e, t0, t1)
              on f.employee_id = w.e and f.occurred_at >= w.t0 and f.occurred_at < w.t1
            where {where}
            """;
        await using var copy = await conn.BeginBinaryExportAsync($"copy ({query}) to stdout (format binary)", ct);
        Drain(copy, (in ActivityFact a) =>
        {
            engine.AddActivity(a);
            if (a.DealId is not null && a.IsTouch)
            {
                touches.Add(a);
            }
        }, ct);
    }

    private static string Iso(DateTimeOffset t) => t.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.ffffffZ", CultureInfo.InvariantCulture);

    // Synchronous reads on purpose: an awaited call per column costs more than the column itself at millions of rows,
    // and the exporter only blocks when its buffer runs dry. Recompute runs on a background job, never a request thread.
    private static void Drain(NpgsqlBinaryExporter copy, ActivitySink sink, CancellationToken ct)
    {
        while (copy.StartRow() >= 0)
        {
            ct.ThrowIfCancellationRequested();
            var employee = copy.Read<long>(NpgsqlDbType.Bigint);
            var kind = (ActivityKind)copy.Read<short>(NpgsqlDbType.Smallint);
            var at = copy.Read<DateTime>(NpgsqlDbType.TimestampTz);
            var duration = copy.Read<int>(NpgsqlDbType.Integer);
            short? outcome = copy.IsNull ? SkipNull<short>(copy) : copy.Read<short>(NpgsqlDbType.Smallint);
            long? deal = copy.IsNull ? SkipNull<long>(copy) : copy.Read<long>(NpgsqlDbType.Bigint);
            string? key = null;
            if (copy.IsNull)
            {
                copy.Skip();
            }
            else
            {
                key = copy.Read<string>(NpgsqlDbType.Text);
            }

            sink(new ActivityFact(employee, kind, new DateTimeOffset(at, TimeSpan.Zero), duration, outcome, deal, key));
        }
    }

    private delegate void ActivitySink(in ActivityFact activity);

    private static T? SkipNull<T>(NpgsqlBinaryExporter copy) where T : struct
    {
        copy.Skip();
        return null;
    }

    /// <summary>
    /// The deals of the scope, each with its facts in time order. Loaded whole (about a tenth of the facts are deal
    /// facts), so a recompute can read them on a second connection while the activities stream into the engine.
    /// </summary>
    public static async Task<List<DealRecord>> LoadDealsAsync(NpgsqlConnection conn, int c, RecomputeScope scope, bool keys, CancellationToken ct)
    {
        var loaded = new List<DealRecord>();
        var deals = await ReadDealRowsAsync(conn, c, scope, ct);
        await using (var cmd = new NpgsqlCommand(SelectDealFacts + scope.DealFactFilter + " order by deal_id, occurred_at, source_key", conn) { CommandTimeout = 0 })
        {
            cmd.Parameters.AddWithValue("c", c);
            cmd.Parameters.AddWithValue("keys", keys);
            scope.AddParameters(cmd);
            await using var r = await cmd.ExecuteReaderAsync(System.Data.CommandBehavior.SequentialAccess, ct);
            long current = -1;
            var facts = new List<DealFact>();
            while (await r.ReadAsync(ct))
            {
                var deal = r.GetInt64(0);
                if (deal != current)
                {
                    Hand(current, facts);
                    current = deal;
                    facts = [];
                }

                facts.Add(new DealFact(Kind(r.GetString(1)), r.GetFieldValue<DateTimeOffset>(2),
                    r.IsDBNull(3) ? null : r.GetInt64(3), r.IsDBNull(4) ? null : r.GetInt64(4), r.IsDBNull(5) ? null : r.GetDecimal(5),
                    r.IsDBNull(6) ? null : r.GetInt64(6), r.IsDBNull(7) ? null : r.GetInt64(7), r.IsDBNull(8) ? null : r.GetString(8)));
            }

            Hand(current, facts);
        }

        // Deals without a single fact (their creation fact was quarantined, say) still exist.
        foreach (var d in deals.Values.OrderBy(d => d.Id))
        {
            loaded.Add(d.ToRecord([]));
        }

        return loaded;

        void Hand(long deal, List<DealFact> facts)
        {
            if (deal >= 0 && deals.Remove(deal, out var d))
            {
                loaded.Add(d.ToRecord(facts));
            }
        }
    }

    private static async Task<Dictionary<long, DealRow>> ReadDealRowsAsync(NpgsqlConnection conn, int c, RecomputeScope scope, CancellationToken ct)
    {
        var deals = new Dictionary<long, DealRow>();
        await using var cmd = new NpgsqlCommand(SelectDeals + scope.DealFilter, conn) { CommandTimeout = 0 };
        cmd.Parameters.AddWithValue("c", c);
        scope.AddParameters(cmd);
        await using var r = await cmd.ExecuteReaderAsync(ct);
        while (await r.ReadAsync(ct))
        {
            deals[r.GetInt64(0)] = new DealRow(r.GetInt64(0), r.IsDBNull(1) ? null : r.GetInt64(1), r.IsDBNull(2) ? null : r.GetInt64(2),
                r.IsDBNull(3) ? null : r.GetInt64(3), r.GetFieldValue<DateTimeOffset>(4), r.GetDecimal(5),
                r.IsDBNull(6) ? null : r.GetDecimal(6), r.IsDBNull(7) ? null : r.GetInt32(7), r.IsDBNull(8) ? null : r.GetString(8),
                r.IsDBNull(9) ? null : r.GetString(9), r.IsDBNull(10) ? null : r.GetFieldValue<DateTimeOffset>(10), r.IsDBNull(11) ? null : r.GetInt64(11));
        }

        return deals;
    }

    private static DealFactKind Kind(string kind) => kind switch
    {
        "deal_created" => DealFactKind.Created,
        "deal_won" => DealFactKind.Won,
        "deal_lost" => DealFactKind.Lost,
        "deal_reopened" => DealFactKind.Reopened,
        "responsible_changed" => DealFactKind.ResponsibleChanged,
        "payment" => DealFactKind.Payment,
        "invoice" => DealFactKind.Invoiced,
        "invoice_payment" => DealFactKind.InvoicePayment,
        _ => DealFactKind.StageChanged,
    };

    private sealed record DealRow(long Id, long? ResponsibleId, long? PipelineId, long? StatusId, DateTimeOffset CreatedAt, decimal Price,
        decimal? Cost, int? LaborSeconds, string? Segment, string? Product, DateTimeOffset? PaymentDue, long? ClientId)
    {
        public DealRecord ToRecord(IReadOnlyList<DealFact> facts) => new(Id, ResponsibleId, PipelineId, StatusId, CreatedAt, Price, facts)
        {
            Cost = Cost, LaborSeconds = LaborSeconds, Segment = Segment, Product = Product, PaymentDue = PaymentDue, ClientId = ClientId,
        };
    }
}
