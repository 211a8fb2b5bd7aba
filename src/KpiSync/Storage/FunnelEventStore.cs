using Dapper;
using KpiSync.Sync;
using Npgsql;
using NpgsqlTypes;

namespace KpiSync.Storage;

/// <summary>
/// The <c>funnel_events</c> table: binary COPY into staging, then one idempotent merge per batch; before a
/// connection's first recompute, appended where the facts are new (<see cref="FirstLoadAppend"/>).
/// </summary>
internal static class FunnelEventStore
{
    // Created once per session and emptied at each commit (creating and dropping it per batch rewrote the catalog
    // every time); the delete keeps it re-entrant for a transaction that merges twice.
    private const string CreateStaging = """
        create temp table if not exists stage_facts (
            source_key text, kind text, employee_id bigint, deal_id bigint, occurred_at timestamptz, amount numeric(18, 2),
            duration_s integer, stage_from bigint, stage_to bigint, outcome smallint, payload jsonb) on commit delete rows;
        delete from stage_facts;
        """;

    private const string CopyStaging = """
        copy stage_facts (source_key, kind, employee_id, deal_id, occurred_at, amount, duration_s, stage_from, stage_to, outcome, payload)
        from stdin (format binary)
        """;

    private const string Merge = """
        insert into kpisync.funnel_events as f (connection_id, source_key, kind, employee_id, deal_id, occurred_at, amount, duration_s, stage_from, stage_to, outcome, payload)
        select @c, source_key, kind, employee_id, deal_id, occurred_at, amount, duration_s, stage_from, stage_to, outcome, payload
        from stage_facts
        on conflict (connection_id, source_key) do update set
            kind = excluded.kind, employee_id = excluded.employee_id, deal_id = excluded.deal_id, occurred_at = excluded.occurred_at,
            amount = excluded.amount, duration_s = excluded.duration_s, stage_from = excluded.stage_from, stage_to = excluded.stage_to,
            outcome = excluded.outcome, payload = excluded.payload
        where (f.kind, f.employee_id, f.deal_id, f.occurred_at, f.amount, f.duration_s, f.stage_from, f.stage_to, f.outcome, f.payload)
            is distinct from (excluded.kind, excluded.employee_id, excluded.deal_id, excluded.occurred_at, excluded.amount,
                              excluded.duration_s, excluded.stage_from, excluded.stage_to, excluded.outcome, excluded.payload)
        """;

    // One primary-key probe per key (the lateral "offset 0" keeps it a nested loop, whatever the statistics say
    // while the table grows by the million).
    private const string SelectStoredKeys = """
        select x.k from unnest(@keys) as x(k)
        cross join lateral (select 1 from kpisync.funnel_events f where f.connection_id = @c and f.source_key = x.k collate "C" offset 0) f
        """;

    private const string CopyAppend = """
        copy kpisync.funnel_events (connection_id, source_key, kind, employee_id, deal_id, occurred_at, amount, duration_s, stage_from, stage_to, outcome, payload)
        from stdin (format binary)
        """;

    // A fact whose record is gone (a deleted invoice) stays as a tombstone under a kind no KPI reads, never a lost row;
    // stored again, it takes its kind back.
    private const string Void = """
        update kpisync.funnel_events set kind = kind || '_void'
        where connection_id = @c and source_key = any(@keys) and kind = any(@kinds)
        """;

    private const string SelectKeysOfKinds = "select source_key from kpisync.funnel_events where connection_id = @c and kind = any(@kinds)";

    /// <summary>Turns the facts of <paramref name="keys"/> that are of one of <paramref name="kinds"/> into tombstones; returns how many.</summary>
    public static Task<int> VoidAsync(NpgsqlConnection conn, NpgsqlTransaction tx, int c, IReadOnlyCollection<string> keys, string[] kinds, CancellationToken ct) =>
        keys.Count == 0
            ? Task.FromResult(0)
            : conn.ExecuteAsync(new CommandDefinition(Void, new { c, keys = keys.ToArray(), kinds }, tx, cancellationToken: ct));

    public static async Task<IReadOnlyList<string>> KeysOfKindsAsync(NpgsqlConnection conn, NpgsqlTransaction tx, int c, string[] kinds, CancellationToken ct) =>
        [.. await conn.QueryAsync<string>(new CommandDefinition(SelectKeysOfKinds, new { c, kinds }, tx, cancellationToken: ct))];

    /// <summary>Stores a batch of facts inside the caller's transaction; returns the rows inserted or changed.</summary>
    public static async Task<int> UpsertAsync(NpgsqlConnection conn, NpgsqlTransaction tx, int c, IReadOnlyList<FunnelFact> facts, CancellationToken ct)
    {
        if (facts.Count == 0)
        {
            return 0;
        }

        var recomputed = await ConnectionHold.HoldAsync(conn, tx, c, ct);
        FunnelFact[] latest = [.. Latest(facts).Values];
        return !recomputed && await FirstLoadAppend.TryAsync(conn, tx, c, latest, f => f.SourceKey, SelectStoredKeys, CopyAppend, WriteAsync,
            rows => MergeAsync(conn, tx, c, rows, ct), ct) is { } appended
            ? appended
            : await MergeAsync(conn, tx, c, latest, ct);
    }

    private static Task<int> MergeAsync(NpgsqlConnection conn, NpgsqlTransaction tx, int c, FunnelFact[] facts, CancellationToken ct) =>
        StagedMerge.RunAsync(conn, tx, CreateStaging, CopyStaging, facts, WriteAsync, Merge, new { c }, ct);

    /// <summary>A batch may hold a record twice (read again after it changed): the last reading, the newest, wins.</summary>
    private static Dictionary<string, FunnelFact> Latest(IReadOnlyList<FunnelFact> facts)
    {
        var latest = new Dictionary<string, FunnelFact>(facts.Count, StringComparer.Ordinal);
        foreach (var f in facts)
        {
            latest[f.SourceKey] = f;
        }

        return latest;
    }

    private static async Task WriteAsync(NpgsqlBinaryImporter w, FunnelFact f, CancellationToken ct)
    {
        await w.WriteAsync(f.SourceKey, NpgsqlDbType.Text, ct);
        await w.WriteAsync(f.Kind, NpgsqlDbType.Text, ct);
        await w.WriteAsync(f.EmployeeId, NpgsqlDbType.Bigint, ct);
        await w.WriteAsync(f.DealId, NpgsqlDbType.Bigint, ct);
        await w.WriteAsync(f.OccurredAt, NpgsqlDbType.TimestampTz, ct);
        await w.WriteAsync(f.Amount, NpgsqlDbType.Numeric, ct);
        await w.WriteAsync(f.DurationSeconds, NpgsqlDbType.Integer, ct);
        await w.WriteAsync(f.StageFrom, NpgsqlDbType.Bigint, ct);
        await w.WriteAsync(f.StageTo, NpgsqlDbType.Bigint, ct);
        await w.WriteAsync(f.Outcome, NpgsqlDbType.Smallint, ct);
        await w.WriteAsync(f.PayloadJson, NpgsqlDbType.Jsonb, ct);
    }
}
