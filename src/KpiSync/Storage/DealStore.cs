using Dapper;
using KpiSync.Sync;
using Npgsql;
using NpgsqlTypes;

namespace KpiSync.Storage;

/// <summary>The <c>deals</c> table: each deal's current state. Pages arrive by binary COPY into a staging table
/// and are merged with one set-based upsert that leaves unchanged rows untouched; before a connection's first
/// recompute, new deals are appended instead (<see cref="FirstLoadAppend"/>).</summary>
internal sealed class DealStore
{
    // Created once per session and emptied at each commit (creating and dropping it per batch rewrote the catalog
    // every time); the delete keeps it re-entrant for a transaction that merges twice.
    private const string CreateStaging = """
        create temp table if not exists stage_deals (
            crm_id bigint, name text, price numeric(18, 2), responsible_id bigint, pipeline_id bigint, status_id bigint,
            loss_reason_id bigint, created_at timestamptz, updated_at timestamptz, closed_at timestamptz, is_deleted boolean,
            source_id bigint, tags text[], labor_cost_s integer, cost numeric(18, 2), segment text, product text,
            paid_amount numeric(18, 2), payment_due timestamptz, client_id bigint) on commit delete rows;
        delete from stage_deals;
        """;

    private const string CopyStaging = """
        copy stage_deals (crm_id, name, price, responsible_id, pipeline_id, status_id, loss_reason_id, created_at, updated_at, closed_at, is_deleted,
            source_id, tags, labor_cost_s, cost, segment, product, paid_amount, payment_due, client_id)
        from stdin (format binary)
        """;

    private const string Merge = """
        insert into kpisync.deals as d (connection_id, crm_id, name, price, responsible_id, pipeline_id, status_id, loss_reason_id, created_at, updated_at, closed_at, is_deleted,
            source_id, tags, labor_cost_s, cost, segment, product, paid_amount, payment_due, client_id)
        select distinct on (crm_id) @c, crm_id, name, price, responsible_id, pipeline_id, status_id, loss_reason_id, created_at, updated_at, closed_at, is_deleted,
            source_id, tags, labor_cost_s, cost, segment, product, paid_amount, payment_due, client_id
        from stage_deals order by crm_id, updated_at desc
        on conflict (connection_id, crm_id) do update set
            name = excluded.name, price = excluded.price, responsible_id = excluded.responsible_id, pipeline_id = excluded.pipeline_id,
            status_id = excluded.status_id, loss_reason_id = excluded.loss_reason_id, created_at = excluded.created_at,
            updated_at = excluded.updated_at, closed_at = excluded.closed_at,
            is_deleted = d.is_deleted and excluded.updated_at < d.deleted_at,
            deleted_at = case when d.is_deleted and excluded.updated_at < d.deleted_at then d.deleted_at end,
            source_id = excluded.source_id, tags = excluded.tags, labor_cost_s = excluded.labor_cost_s, cost = excluded.cost,
            segment = excluded.segment, product = excluded.product, paid_amount = excluded.paid_amount, payment_due = excluded.payment_due,
            client_id = excluded.client_id
        where (d.name, d.price, d.responsible_id, d.pipeline_id, d.status_id, d.loss_reason_id, d.created_at, d.updated_at, d.closed_at, d.is_deleted,
               d.source_id, d.tags, d.labor_cost_s, d.cost, d.segment, d.product, d.paid_amount, d.payment_due, d.client_id)
            is distinct from (excluded.name, excluded.price, excluded.responsible_id, excluded.pipeline_id, excluded.status_id,
                              excluded.loss_reason_id, excluded.created_at, excluded.updated_at, excluded.closed_at, excluded.is_deleted,
                              excluded.source_id, excluded.tags, excluded.labor_cost_s, excluded.cost, excluded.segment, excluded.product,
                              excluded.paid_amount, excluded.payment_due, excluded.client_id)
        """;

    private const string SelectStoredIds = """
        select x.k from unnest(@keys) as x(k)
        cross join lateral (select 1 from kpisync.deals d where d.connection_id = @c and d.crm_id = x.k offset 0) d
        """;

    private const string CopyAppend = """
        copy kpisync.deals (connection_id, crm_id, name, price, responsible_id, pipeline_id, status_id, loss_reason_id, created_at, updated_at, closed_at,
            is_deleted, source_id, tags, labor_cost_s, cost, segment, product, paid_amount, payment_due, client_id)
        from stdin (format binary)
        """;

    private const string ApplyDeletions = """
        update kpisync.deals d set is_deleted = x.deleted, deleted_at = case when x.deleted then x.at end
        from unnest(@ids, @ats, @deleted) as x(id, at, deleted)
        where d.connection_id = @c and d.crm_id = x.id
          and ((x.deleted and not d.is_deleted and d.updated_at <= x.at)
            or (not x.deleted and d.is_deleted and d.deleted_at <= x.at))
        """;

    private const string SelectMissing = """
        select crm_id from kpisync.deals where connection_id = @c and not is_deleted and updated_at < @before
        except
        select unnest(@ids)
        """;

    // One primary-key probe per id (the lateral "offset 0" keeps it a nested loop): for a batch's couple of thousand
    // ids, PostgreSQL otherwise scans the whole table, which grows with the account; probes do not.
    private const string SelectOwners = """
        select d.crm_id, d.responsible_id, d.price, d.paid_amount
        from unnest(@ids) as x(id)
        cross join lateral (select * from kpisync.deals d where d.connection_id = @c and d.crm_id = x.id offset 0) d
        """;

    /// <summary>Merges a page of deals inside the caller's transaction; returns the rows inserted or changed.</summary>
    public static async Task<int> UpsertAsync(NpgsqlConnection conn, NpgsqlTransaction tx, int c, IReadOnlyList<DealRow> deals, CancellationToken ct)
    {
        if (deals.Count == 0)
        {
            return 0;
        }

        if (await ConnectionHold.HoldAsync(conn, tx, c, ct))
        {
            return await MergeAsync(conn, tx, c, deals, ct);
        }

        // As the merge does: a deal read twice keeps its latest reading.
        DealRow[] latest = [.. deals.GroupBy(d => d.CrmId).Select(g => g.Aggregate((a, b) => b.UpdatedAt >= a.UpdatedAt ? b : a))];
        return await FirstLoadAppend.TryAsync(conn, tx, c, latest, d => d.CrmId, SelectStoredIds, CopyAppend, WriteAsync,
            rows => MergeAsync(conn, tx, c, rows, ct), ct) ?? await MergeAsync(conn, tx, c, deals, ct);
    }

    private static Task<int> MergeAsync(NpgsqlConnection conn, NpgsqlTransaction tx, int c, IReadOnlyList<DealRow> deals, CancellationToken ct) =>
        StagedMerge.RunAsync(conn, tx, CreateStaging, CopyStaging, deals, WriteAsync, Merge, new { c }, ct);

    private static async Task WriteAsync(NpgsqlBinaryImporter w, DealRow d, CancellationToken ct)
    {
        await w.WriteAsync(d.CrmId, NpgsqlDbType.Bigint, ct);
        await w.WriteAsync(d.Name, NpgsqlDbType.Text, ct);
        await w.WriteAsync(d.Price, NpgsqlDbType.Numeric, ct);
        await w.WriteAsync(d.ResponsibleId, NpgsqlDbType.Bigint, ct);
        await w.WriteAsync(d.PipelineId, NpgsqlDbType.Bigint, ct);
        await w.WriteAsync(d.StatusId, NpgsqlDbType.Bigint, ct);
        await w.WriteAsync(d.LossReasonId, NpgsqlDbType.Bigint, ct);
        await w.WriteAsync(d.CreatedAt, NpgsqlDbType.TimestampTz, ct);
        await w.WriteAsync(d.UpdatedAt, NpgsqlDbType.TimestampTz, ct);
        await w.WriteAsync(d.ClosedAt, NpgsqlDbType.TimestampTz, ct);
        await w.WriteAsync(d.IsDeleted, NpgsqlDbType.Boolean, ct);
        await w.WriteAsync(d.SourceId, NpgsqlDbType.Bigint, ct);
        await w.WriteAsync(d.Tags?.ToArray(), NpgsqlDbType.Array | NpgsqlDbType.Text, ct);
        await w.WriteAsync(d.LaborCostSeconds, NpgsqlDbType.Integer, ct);
        await w.WriteAsync(d.Cost, NpgsqlDbType.Numeric, ct);
        await w.WriteAsync(d.Segment, NpgsqlDbType.Text, ct);
        await w.WriteAsync(d.Product, NpgsqlDbType.Text, ct);
        await w.WriteAsync(d.PaidAmount, NpgsqlDbType.Numeric, ct);
        await w.WriteAsync(d.PaymentDue, NpgsqlDbType.TimestampTz, ct);
        await w.WriteAsync(d.ClientId, NpgsqlDbType.Bigint, ct);
    }

    /// <summary>
    /// Applies deletions and restorations (from events or the trash) in the caller's transaction. A deletion only
    /// wins over a state seen at or before it, a restoration only over a deletion at or before it; unknown deals are skipped.
    /// </summary>
    public static async Task<int> ApplyDeletionsAsync(NpgsqlConnection conn, NpgsqlTransaction tx, int c,
        IReadOnlyList<(long DealId, DateTimeOffset At, bool Deleted)> changes, CancellationToken ct)
    {
        if (changes.Count == 0)
        {
            return 0;
        }

        await ConnectionHold.HoldAsync(conn, tx, c, ct);
        var latest = changes.GroupBy(x => x.DealId).Select(g => g.MaxBy(x => x.At)).ToList();
        return await conn.ExecuteAsync(new CommandDefinition(ApplyDeletions, new
        {
            c,
            ids = latest.Select(x => x.DealId).ToArray(),
            ats = latest.Select(x => x.At).ToArray(),
            deleted = latest.Select(x => x.Deleted).ToArray(),
        }, tx, cancellationToken: ct));
    }

    /// <summary>Deals we hold as current, last updated before <paramref name="before"/>, whose ids the CRM did not list.</summary>
    public static async Task<IReadOnlyList<long>> FindMissingAsync(NpgsqlConnection conn, int c, IReadOnlyCollection<long> crmIds, DateTimeOffset before, CancellationToken ct) =>
        (await conn.QueryAsync<long>(new CommandDefinition(SelectMissing, new { c, ids = crmIds.ToArray(), before }, cancellationToken: ct, commandTimeout: 600))).ToList();

    /// <summary>The current responsible and price of the given deals, for attributing stage facts.</summary>
    public static async Task<IReadOnlyDictionary<long, DealOwner>> GetOwnersAsync(
        NpgsqlConnection conn, NpgsqlTransaction tx, int c, IReadOnlyCollection<long> ids, CancellationToken ct)
    {
        var rows = await conn.QueryAsync<(long Id, long? Responsible, decimal Price, decimal? Paid)>(
            new CommandDefinition(SelectOwners, new { c, ids = ids.ToArray() }, tx, cancellationToken: ct));
        return rows.ToDictionary(r => r.Id, r => new DealOwner(r.Responsible, r.Price, r.Paid));
    }
}

/// <summary>What a fact needs from its deal as we hold it now: who is responsible, the price, what has been paid.</summary>
public sealed record DealOwner(long? Responsible, decimal Price, decimal? PaidAmount);
