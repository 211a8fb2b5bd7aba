using Dapper;
using Npgsql;

namespace KpiSync.Storage;

/// <summary><c>periods</c>: a closed period is frozen — its values and pay stay as paid; reopening is audited.</summary>
internal sealed class PeriodStore(NpgsqlDataSource dataSource, TimeProvider time)
{
    private const string Upsert = """
        insert into kpisync.periods as p (connection_id, period, status, changed_at, changed_by) values (@c, @period, @status, @at, @actor)
        on conflict (connection_id, period) do update set status = excluded.status, changed_at = excluded.changed_at, changed_by = excluded.changed_by
        where p.status <> excluded.status
        """;

    /// <summary>Closes or reopens a period; false when it already was. Reopening makes the next recompute a full one.</summary>
    public async Task<bool> SetStatusAsync(int c, string period, bool closed, string actor, CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        await using var tx = await conn.BeginTransactionAsync(ct);
        var at = time.GetUtcNow();
        var status = closed ? "closed" : "open";
        var changed = await conn.ExecuteAsync(new CommandDefinition(Upsert, new { c, period, status, at, actor }, tx, cancellationToken: ct)) > 0;
        if (changed)
        {
            await AuditLog.WriteAsync(conn, tx, at, actor, closed ? "period.close" : "period.reopen", c, new() { ["period"] = period }, ct);
            if (!closed)
            {
                await AuditLog.ForceFullRecomputeAsync(conn, tx, c, ct);
            }
        }

        await tx.CommitAsync(ct);
        return changed;
    }

    public static async Task<HashSet<string>> ClosedAsync(NpgsqlConnection conn, NpgsqlTransaction? tx, int c, CancellationToken ct) =>
        (await conn.QueryAsync<string>(new CommandDefinition(
            "select period from kpisync.periods where connection_id = @c and status = 'closed'", new { c }, tx, cancellationToken: ct))).ToHashSet(StringComparer.Ordinal);

    public async Task<IReadOnlyList<PeriodRow>> ListAsync(int c, CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        return (await conn.QueryAsync<PeriodRow>(new CommandDefinition(
            "select period, status, changed_at, changed_by from kpisync.periods where connection_id = @c order by period", new { c }, cancellationToken: ct))).ToList();
    }
}

internal sealed record PeriodRow(string Period, string Status, DateTimeOffset ChangedAt, string ChangedBy);
