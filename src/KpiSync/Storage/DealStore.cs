using Dapper;
using KpiSync.Sync;
using Npgsql;
using NpgsqlTypes;

namespace KpiSync.Storage;

/// <summary>The <c>deals</c> table: each deal's current state. Pages arrive by binary COPY into a staging table
/// and are merged with one set-based upsert that leaves unchanged rows untouched.</summary>
internal sealed class DealStore
{
    // Re-entrant: a transaction may merge several pages; the table goes away at commit.
    private const string CreateStaging = """
        create temp table if not exists stage_deals (
            crm_id bigint, name text, price numeric(18, 2), responsible_id bigint, pipeline_id bigint, status_id bigint,
            loss_reason_id bigint, created_at timestamptz, updated_at timestamptz, closed_at timestamptz, is_deleted boolean) on commit drop;
        truncate stage_deals;
        """;

    private const string CopyStaging = """
        copy stage_deals (crm_id, name, price, responsible_id, pipeline_id, status_id, loss_reason_id, created_at, updated_at, closed_at, is_deleted)
        from stdin (format binary)
        """;

    private const string Merge = """
        insert into kpisync.deals as d (connection_id, crm_id, name, price, responsible_id, pipeline_id, status_id, loss_reason_id, created_at, updated_at, closed_at, is_deleted)
        select distinct on (crm_id) @c, crm_id, name, price, responsible_id, pipeline_id, status_id, loss_reason_id, created_at, updated_at, closed_at, is_deleted
        from stage_deals order by crm_id, updated_at desc
        on conflict (connection_id, crm_id) do update set
            name = excluded.name, price = excluded.price, responsible_id = excluded.responsible_id, pipeline_id = excluded.pipeline_id,
            status_id = excluded.status_id, loss_reason_id = excluded.loss_reason_id, created_at = excluded.created_at,
            updated_at = excluded.updated_at, closed_at = excluded.closed_at, is_deleted = excluded.is_deleted
        where (d.name, d.price, d.responsible_id, d.pipeline_id, d.status_id, d.loss_reason_id, d.created_at, d.updated_at, d.closed_at, d.is_deleted)
            is distinct from (excluded.name, excluded.price, excluded.responsible_id, excluded.pipeline_id, excluded.status_id,
                              excluded.loss_reason_id, excluded.created_at, excluded.updated_at, excluded.closed_at, excluded.is_deleted)
        """;

    private const string SelectOwners = """
        select crm_id, responsible_id, price from kpisync.deals where connection_id = @c and crm_id = any(@ids)
        """;

    /// <summary>Merges a page of deals inside the caller's transaction; returns the rows inserted or changed.</summary>
    public static async Task<int> UpsertAsync(NpgsqlConnection conn, NpgsqlTransaction tx, int c, IReadOnlyList<DealRow> deals, CancellationToken ct)
    {
        if (deals.Count == 0)
        {
            return 0;
        }

        return await StagedMerge.RunAsync(conn, tx, CreateStaging, CopyStaging, deals, WriteAsync, Merge, new { c }, ct);
    }

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
    }

    /// <summary>The current responsible and price of the given deals, for attributing stage facts.</summary>
    public static async Task<IReadOnlyDictionary<long, (long? Responsible, decimal Price)>> GetOwnersAsync(
        NpgsqlConnection conn, NpgsqlTransaction tx, int c, IReadOnlyCollection<long> ids, CancellationToken ct)
    {
        var rows = await conn.QueryAsync<(long Id, long? Responsible, decimal Price)>(
            new CommandDefinition(SelectOwners, new { c, ids = ids.ToArray() }, tx, cancellationToken: ct));
        return rows.ToDictionary(r => r.Id, r => (r.Responsible, r.Price));
    }
}
